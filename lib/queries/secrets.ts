import { mutationOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { reasonHeaders } from "@/lib/audit/actions";
import { z } from "zod";
import { configEntrySchema, secretMetaSchema, type ConfigEntry, type PutConfig } from "@/lib/schemas/secrets";
import type { OneTimeValue } from "@/lib/secrets/one-time-value";
import { deletedKeySchema, requirementsOverviewSchema } from "@/lib/secrets/schemas";
import { bffFetch } from "./fetcher";

/**
 * Keys of this resource (secrets, config and the requirements that declare them). They extend
 * `queryKeys` (lib/queries/keys.ts) in the same hierarchical style; `all` is the prefix every
 * change to a secret or a config entry invalidates.
 */
export const secretsKeys = {
  all: ["secrets-and-config"] as const,
  secrets: () => [...secretsKeys.all, "secrets"] as const,
  configs: () => [...secretsKeys.all, "configs"] as const,
  requirements: () => [...secretsKeys.all, "requirements"] as const,
};

/** Secret metadata of the tenant (BFF GET /api/secrets); never a value. */
export function secretsQuery() {
  return queryOptions({ queryKey: secretsKeys.secrets(), queryFn: () => bffFetch("/api/secrets", z.array(secretMetaSchema)) });
}

/** Config entries with values (BFF GET /api/configs). */
export function configsQuery() {
  return queryOptions({ queryKey: secretsKeys.configs(), queryFn: () => bffFetch("/api/configs", z.array(configEntrySchema)) });
}

/** Both requirements summaries, null where the user may not read them (BFF GET /api/requirements). */
export function requirementsQuery() {
  return queryOptions({ queryKey: secretsKeys.requirements(), queryFn: () => bffFetch("/api/requirements", requirementsOverviewSchema) });
}

/** What the secret form hands to the create/rotate mutation: the value can be taken once. */
export interface SecretDraft {
  key: string;
  group: string;
  description?: string;
  value: OneTimeValue;
  /** Why (rotate requires one; recorded in the activity log). */
  reason?: string;
}

function secretBody(draft: SecretDraft, withKey: boolean): string {
  // take() empties the draft, so the mutation's stored variables no longer hold the value.
  const value = draft.value.take();
  return JSON.stringify({ ...(withKey ? { key: draft.key } : {}), group: draft.group, value, description: draft.description });
}

/**
 * Create (POST /api/secrets) or rotate (POST /api/secrets/:key/rotate) a secret. gcTime 0 drops
 * the finished mutation from the cache at once; the answer is metadata only.
 */
export function saveSecretMutation(mode: "create" | "rotate") {
  return mutationOptions({
    mutationKey: [...secretsKeys.secrets(), mode],
    gcTime: 0,
    mutationFn: (draft: SecretDraft) =>
      bffFetch(mode === "create" ? "/api/secrets" : `/api/secrets/${encodeURIComponent(draft.key)}/rotate`, secretMetaSchema, {
        method: "POST",
        headers: reasonHeaders(draft.reason),
        body: secretBody(draft, mode === "create"),
      }),
  });
}

/** DELETE /api/secrets/:key?group= */
export function deleteSecretMutation() {
  return mutationOptions({
    mutationKey: [...secretsKeys.secrets(), "delete"],
    mutationFn: (target: { key: string; group: string; reason: string }) =>
      bffFetch(`/api/secrets/${encodeURIComponent(target.key)}?group=${encodeURIComponent(target.group)}`, deletedKeySchema, {
        method: "DELETE",
        headers: reasonHeaders(target.reason),
      }),
  });
}

/** POST /api/configs */
export function createConfigMutation() {
  return mutationOptions({
    mutationKey: [...secretsKeys.configs(), "create"],
    mutationFn: (input: { key: string; group: string; value: string; description?: string }) =>
      bffFetch("/api/configs", configEntrySchema, { method: "POST", body: JSON.stringify(input) }),
  });
}

/** PUT /api/configs/:key (upsert with the entry's own group) */
export function updateConfigMutation() {
  return mutationOptions({
    mutationKey: [...secretsKeys.configs(), "update"],
    mutationFn: ({ key, ...input }: PutConfig & { key: string; baseUpdatedAt?: string }) =>
      bffFetch(`/api/configs/${encodeURIComponent(key)}`, configEntrySchema, { method: "PUT", body: JSON.stringify(input) }),
  });
}

/** DELETE /api/configs/:key?group= */
export function deleteConfigMutation() {
  return mutationOptions({
    mutationKey: [...secretsKeys.configs(), "delete"],
    mutationFn: (target: { key: string; group: string; reason: string }) =>
      bffFetch(`/api/configs/${encodeURIComponent(target.key)}?group=${encodeURIComponent(target.group)}`, deletedKeySchema, {
        method: "DELETE",
        headers: reasonHeaders(target.reason),
      }),
  });
}

/** Every change to secrets or configs can change presence in the requirements summaries: refresh the lot. */
function useInvalidateSecretsAndConfig() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: secretsKeys.all });
}

/** Create or rotate a secret. The caller resets the mutation once it has read the outcome. */
export function useSaveSecret(mode: "create" | "rotate") {
  const invalidate = useInvalidateSecretsAndConfig();
  return useMutation({ ...saveSecretMutation(mode), onSettled: invalidate });
}

export function useDeleteSecret() {
  const invalidate = useInvalidateSecretsAndConfig();
  return useMutation({ ...deleteSecretMutation(), onSettled: invalidate });
}

export function useCreateConfig() {
  const invalidate = useInvalidateSecretsAndConfig();
  return useMutation({ ...createConfigMutation(), onSettled: invalidate });
}

/** In-place edit: cancel → optimistic set → rollback on failure → invalidate. */
export function useUpdateConfig() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateSecretsAndConfig();
  const listKey = configsQuery().queryKey;
  return useMutation({
    ...updateConfigMutation(),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: listKey });
      const previous = queryClient.getQueryData<ConfigEntry[]>(listKey);
      queryClient.setQueryData<ConfigEntry[]>(listKey, (rows) =>
        rows?.map((row) =>
          row.key === input.key && row.group === input.group ? { ...row, value: input.value, description: input.description ?? null } : row,
        ),
      );
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(listKey, context.previous);
    },
    onSettled: invalidate,
  });
}

export function useDeleteConfig() {
  const invalidate = useInvalidateSecretsAndConfig();
  return useMutation({ ...deleteConfigMutation(), onSettled: invalidate });
}
