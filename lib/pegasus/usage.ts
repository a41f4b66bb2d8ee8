import "server-only";
import { envelopeSchema } from "@/lib/schemas/common";
import { usageSummarySchema, type UsageSummary } from "@/lib/schemas/usage";
import type { PegasusClient } from "./transport";

/** GET /usage/summary?year= — billable actions of the term starting in `year` (ReadUsage). */
export async function getUsageSummary(client: PegasusClient, year?: number): Promise<UsageSummary> {
  const body = await client.request({ path: "/usage/summary", query: { year }, schema: envelopeSchema(usageSummarySchema) });
  return body.data;
}
