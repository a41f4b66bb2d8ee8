import { BffClientError } from "@/lib/queries/fetcher";

/** A mutation failure in words a publisher can act on; codes the contract defines get their own sentence. */
export function explainMutationError(error: Error): string {
  if (!(error instanceof BffClientError)) return error.message;
  switch (error.code) {
    case "FEATURE_DISABLED":
      return "Publishing integration configs is switched off on this Pegasus environment (INTEGRATION_CONFIG_PUBLISH_ENABLED). Validate still works; ask the platform team to enable publishing.";
    case "DEPENDENTS_EXIST": {
      const n = typeof error.extras.dependents === "number" ? error.extras.dependents : null;
      return `${n ?? "Some"} tenant${n === 1 ? "" : "s"} still overlay this platform config, so deleting it would leave them without a base. Delete anyway only if you are sure.`;
    }
    case "GATE_FAILED":
      return "The config failed the validation gate; nothing was changed.";
    case "CONFLICT":
      return "Your tenant already has its own config for this integration. Re-seeding it from the platform config adds a new version on top.";
    case "PLATFORM_TENANT_CANNOT_FORK":
      return "The platform tenant owns the platform config and cannot fork it.";
    case "FORBIDDEN":
      return "You do not have permission to do this (integration_config:publish is needed).";
    case "NOT_FOUND":
      return error.message;
    default:
      return `${error.message}${error.requestId ? ` (request ${error.requestId})` : ""}`;
  }
}
