export { compareGroups, groupEntries } from "./groups";
export { listMissingVariables, type StoredVariable } from "./missing";
export { consumersOf, indexDeclaredVariables, normalizeGroup, variableId, type Consumer, type DeclaredVariable, type RequirementsOverview, type VariableKind } from "./usage";
export { groupProblem, keyProblem, validateConfigEdit, validateConfigForm, validateSecretForm, type FieldErrors, type FormResult, type VariableFormValues } from "./form";
export { formatSecretsUrl, parseSecretsUrl, type SecretsUrlState } from "./url";
export { OneTimeValue } from "./one-time-value";
export { deletedVariableSchema, groupQuerySchema, requirementsOverviewSchema, rotateSecretSchema, variableKeyParamsSchema, type DeletedVariable, type RotateSecret } from "./schemas";
