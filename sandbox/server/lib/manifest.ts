import { z } from "zod";
import { isActionId } from "../auth/rbac";

export const WORKFLOW_NAME_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const WORKFLOW_VERSION_RE = /^[0-9]+\.[0-9]+\.[0-9]+(?:-[a-z0-9.-]+)?$/;
export const SECRET_KEY_RE = /^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/;
export const GROUP_RE = /^[a-zA-Z0-9_-]{1,64}$/;
export const MAX_DIAGRAM_CHARS = 50_000;

export const workflowNameSchema = z.string().regex(WORKFLOW_NAME_RE, "name must match ^[a-z0-9][a-z0-9_-]{0,63}$");
export const workflowVersionSchema = z
  .string()
  .regex(WORKFLOW_VERSION_RE, "version must match ^[0-9]+\\.[0-9]+\\.[0-9]+(?:-[a-z0-9.-]+)?$");

/** A declared secret/config key (strict). */
export const requirementSchema = z.strictObject({
  key: z.string().regex(SECRET_KEY_RE, "key must match [a-zA-Z_][a-zA-Z0-9_]{0,127}"),
  group: z.string().regex(GROUP_RE, "group must match [a-zA-Z0-9_-]{1,64}").optional(),
  description: z.string().max(500).optional(),
});
export type Requirement = z.infer<typeof requirementSchema>;

/** The server's ManifestSchema (§12), camelCase. */
export const manifestSchema = z
  .object({
    name: workflowNameSchema,
    version: workflowVersionSchema,
    entryPoints: z.array(z.string().min(1)).min(1, "entryPoints needs at least one item"),
    description: z.string().optional(),
    diagram: z.string().min(1, "diagram is required").max(MAX_DIAGRAM_CHARS),
    requiredActions: z
      .array(z.string())
      .default([])
      .superRefine((ids, ctx) => {
        for (const id of ids) {
          if (!isActionId(id)) ctx.addIssue({ code: "custom", message: `requiredActions contains unknown action id: ${id}` });
        }
      }),
    requiredSecrets: z.array(requirementSchema).default([]),
    requiredConfigs: z.array(requirementSchema).default([]),
    timeoutSeconds: z.number().int().min(1).max(900).optional(),
    dependencies: z.unknown().optional(),
  })
  .superRefine((m, ctx) => {
    if (m.dependencies !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["dependencies"],
        message: "dependencies are not supported — workflows may use the Python stdlib and the Pegasus SDK only",
      });
    }
  })
  .transform(({ dependencies: _dependencies, ...rest }) => rest);
export type Manifest = z.infer<typeof manifestSchema>;
