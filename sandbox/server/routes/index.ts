import type { RouteModule } from "../context";
import { register as registerMe } from "./me";

/** The core route modules, in registration order (static paths before `:id` ones inside each). */
export const register: RouteModule = (app, ctx) => {
  for (const mod of [registerMe]) mod(app, ctx);
};
