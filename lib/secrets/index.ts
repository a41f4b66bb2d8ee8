export { compareGroups, groupEntries } from "./groups";
export { listMissingKeys, type StoredKey } from "./missing";
export {
  consumersOf,
  indexDeclaredKeys,
  normalizeGroup,
  keyId,
  type Consumer,
  type DeclaredKey,
  type RequirementsOverview,
  type KeyKind,
} from "./usage";
export {
  groupProblem,
  keyProblem,
  validateConfigEdit,
  validateConfigForm,
  validateSecretForm,
  type FieldErrors,
  type FormResult,
  type KeyFormValues,
} from "./form";
export { formatSecretsUrl, parseSecretsUrl, type SecretsUrlState } from "./url";
export { OneTimeValue } from "./one-time-value";
export {
  deletedKeySchema,
  groupQuerySchema,
  requirementsOverviewSchema,
  rotateSecretSchema,
  keyParamsSchema,
  type DeletedKey,
  type RotateSecret,
} from "./schemas";
