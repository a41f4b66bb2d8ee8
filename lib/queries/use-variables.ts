"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ConfigEntry } from "@/lib/schemas/secrets";
import {
  configsQuery,
  createConfigMutation,
  deleteConfigMutation,
  deleteSecretMutation,
  saveSecretMutation,
  secretsKeys,
  updateConfigMutation,
} from "@/lib/queries/secrets";

/** Every change to secrets or configs can change presence in the requirements summaries: refresh the lot. */
function useInvalidateVariables() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: secretsKeys.all });
}

/** Create or rotate a secret. The caller resets the mutation once it has read the outcome. */
export function useSaveSecret(mode: "create" | "rotate") {
  const invalidate = useInvalidateVariables();
  return useMutation({ ...saveSecretMutation(mode), onSettled: invalidate });
}

export function useDeleteSecret() {
  const invalidate = useInvalidateVariables();
  return useMutation({ ...deleteSecretMutation(), onSettled: invalidate });
}

export function useCreateConfig() {
  const invalidate = useInvalidateVariables();
  return useMutation({ ...createConfigMutation(), onSettled: invalidate });
}

/** In-place edit: cancel → optimistic set → rollback on failure → invalidate. */
export function useUpdateConfig() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateVariables();
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
  const invalidate = useInvalidateVariables();
  return useMutation({ ...deleteConfigMutation(), onSettled: invalidate });
}
