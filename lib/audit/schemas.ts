import { z } from "zod";
import { AUDIT_PAGE_MAX_ITEMS } from "./limits";

/** Query of `GET /api/audit`: filters, cursor and page size. Unknown keys are refused. */
export const auditQuerySchema = z
  .object({
    actor: z.string().trim().min(1).max(200).optional(),
    action: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[a-z.-]+$/, "action names are lower-case words with dots")
      .optional(),
    target: z.string().trim().min(1).max(300).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, "cursor must come from a previous page")
      .optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX_ITEMS).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One entry of the audit trail as the BFF answers it. */
export const auditItemSchema = z.object({
  at: z.string(),
  actor: z.object({ sub: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
  action: z.string(),
  target: z.string(),
  reason: z.string().nullable(),
  outcome: z.object({ status: z.number().int(), code: z.string().nullable() }),
  requestId: z.string(),
});
export type AuditItem = z.infer<typeof auditItemSchema>;

/** `GET /api/audit` data: newest first, `nextCursor` null on the last page. */
export const auditPageSchema = z.object({ items: z.array(auditItemSchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;
