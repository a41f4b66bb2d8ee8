import { z } from "zod";

/** Route params of one execution. */
export const executionParamsSchema = z.object({
  id: z.uuid("workflow id must be a UUID"),
  executionId: z.uuid("execution id must be a UUID"),
});
