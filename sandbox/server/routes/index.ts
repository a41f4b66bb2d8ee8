import type { RouteModule } from "../context";
import { register as registerEventTypes } from "./event-types";
import { register as registerMe } from "./me";
import { register as registerSecretsConfigs } from "./secrets-configs";
import { register as registerTriggers } from "./triggers";
import { register as registerUsage } from "./usage";
import { register as registerWorkflows } from "./workflows";

/** The core route modules, in registration order (static paths before `:id` ones inside each). */
export const register: RouteModule = (app, ctx) => {
  for (const mod of [registerMe, registerWorkflows, registerTriggers, registerSecretsConfigs, registerEventTypes, registerUsage])
    mod(app, ctx);
};
