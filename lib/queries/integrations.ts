import { mutationOptions, queryOptions, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { reasonHeaders } from "@/lib/audit/actions";
import { z } from "zod";
import type { EditableBody } from "@/lib/integrations/body";
import { bundleReadSchema, versionRowSchema } from "@/lib/integrations/schemas";
import { jsonSchemaDocumentSchema } from "@/lib/schemas/floor";
import {
  bundleDownloadSchema,
  deleteResultSchema,
  gateReportSchema,
  integrationConfigSchema,
  integrationSummarySchema,
} from "@/lib/schemas/integration";
import { bffFetch } from "./fetcher";

const seg = (id: string) => encodeURIComponent(id);

/** Hierarchical keys: invalidating `detail(id)` refreshes that integration's config and versions. */
export const integrationsKeys = {
  all: ["integrations"] as const,
  list: () => [...integrationsKeys.all, "list"] as const,
  detail: (id: string) => [...integrationsKeys.all, "detail", id] as const,
  config: (id: string) => [...integrationsKeys.detail(id), "config"] as const,
  versions: (id: string) => [...integrationsKeys.detail(id), "versions"] as const,
  version: (id: string, version: number) => [...integrationsKeys.versions(id), version] as const,
  // Outside `all` on purpose: publishing invalidates `all`, and the schema does not change with a config.
  mappingSchema: () => ["integration-mapping-schema"] as const,
};

/** After a publish, rollback, fork or delete every integration view reads again (the live version moved). */
function refreshAll(_data: unknown, _vars: unknown, _result: unknown, { client }: { client: QueryClient }) {
  return client.invalidateQueries({ queryKey: integrationsKeys.all });
}

/** For a change the mutations above do not cover (e.g. discarding an edit in favour of the live version). */
export function useRefreshIntegrations(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: integrationsKeys.all });
}

/** GET /api/integrations/:id/config read fresh for a conflict view: its own entry, never cached, since the
 * page's cached config is the version the edit started from, not the live one. */
export function liveConfigQuery(id: string, liveVersion: number | null) {
  return queryOptions({
    queryKey: ["integration-conflict", id, liveVersion] as const,
    queryFn: () => bffFetch(`/api/integrations/${seg(id)}/config`, integrationConfigSchema),
    staleTime: 0,
    gcTime: 0,
  });
}

/** GET /api/integrations */
export function integrationsListQuery() {
  return queryOptions({
    queryKey: integrationsKeys.list(),
    queryFn: () => bffFetch("/api/integrations", z.array(integrationSummarySchema)),
  });
}

/**
 * GET /api/integrations/mapping-schema — the API's mapping JSON Schema. It changes only with an API
 * release (upstream serves it with max-age=86400), so one fetch per session is enough.
 */
export function mappingSchemaQuery() {
  return queryOptions({
    queryKey: integrationsKeys.mappingSchema(),
    queryFn: () => bffFetch("/api/integrations/mapping-schema", jsonSchemaDocumentSchema),
    staleTime: 24 * 60 * 60 * 1000,
    gcTime: 24 * 60 * 60 * 1000,
    retry: 1,
  });
}

/** GET /api/integrations/:id/config — the active config (own, else platform). */
export function integrationConfigQuery(id: string) {
  return queryOptions({
    queryKey: integrationsKeys.config(id),
    queryFn: () => bffFetch(`/api/integrations/${seg(id)}/config`, integrationConfigSchema),
  });
}

/** GET /api/integrations/:id/config/versions — own lineage, newest first. */
export function integrationVersionsQuery(id: string) {
  return queryOptions({
    queryKey: integrationsKeys.versions(id),
    queryFn: () => bffFetch(`/api/integrations/${seg(id)}/config/versions`, z.array(versionRowSchema)),
  });
}

/** GET /api/integrations/:id/config/versions/:version — content of a version the console has seen. */
export function integrationVersionQuery(id: string, version: number) {
  return queryOptions({
    queryKey: integrationsKeys.version(id, version),
    queryFn: () => bffFetch(`/api/integrations/${seg(id)}/config/versions/${version}`, integrationConfigSchema),
    staleTime: Infinity,
  });
}

/** POST /api/integrations/:id/config/validate */
export function validateConfigMutation(id: string) {
  return mutationOptions({
    mutationKey: [...integrationsKeys.detail(id), "validate"],
    mutationFn: (body: EditableBody) =>
      bffFetch(`/api/integrations/${seg(id)}/config/validate`, gateReportSchema, { method: "POST", body: JSON.stringify(body) }),
  });
}

/** POST /api/integrations/:id/config (publish) */
export function publishConfigMutation(id: string) {
  return mutationOptions({
    mutationKey: [...integrationsKeys.detail(id), "publish"],
    onSuccess: refreshAll,
    // baseVersion: the version the edit started from (409 VERSION_CONFLICT when another went live since).
    mutationFn: ({ body, baseVersion }: { body: EditableBody; baseVersion: number }) =>
      bffFetch(`/api/integrations/${seg(id)}/config`, integrationConfigSchema, {
        method: "POST",
        body: JSON.stringify({ ...body, baseVersion }),
      }),
  });
}

/** POST /api/integrations/:id/config/rollback/:version */
export function rollbackConfigMutation(id: string) {
  return mutationOptions({
    mutationKey: [...integrationsKeys.detail(id), "rollback"],
    onSuccess: refreshAll,
    mutationFn: ({ version, reason }: { version: number; reason: string }) =>
      bffFetch(`/api/integrations/${seg(id)}/config/rollback/${version}`, integrationConfigSchema, {
        method: "POST",
        headers: reasonHeaders(reason),
      }),
  });
}

/** POST /api/integrations/:id/config/fork[?force=true] */
export function forkConfigMutation(id: string) {
  return mutationOptions({
    mutationKey: [...integrationsKeys.detail(id), "fork"],
    onSuccess: refreshAll,
    mutationFn: (force: boolean) =>
      bffFetch(`/api/integrations/${seg(id)}/config/fork${force ? "?force=true" : ""}`, integrationConfigSchema, { method: "POST" }),
  });
}

/** DELETE /api/integrations/:id/config[?force=true] */
export function deleteConfigMutation(id: string) {
  return mutationOptions({
    mutationKey: [...integrationsKeys.detail(id), "delete"],
    onSuccess: refreshAll,
    mutationFn: ({ force, reason }: { force: boolean; reason: string }) =>
      bffFetch(`/api/integrations/${seg(id)}/config${force ? "?force=true" : ""}`, deleteResultSchema, {
        method: "DELETE",
        headers: reasonHeaders(reason),
      }),
  });
}

/** GET /api/integrations/:id/bundle — the active config as a CLI-layout zip. */
export function fetchBundle(id: string) {
  return bffFetch(`/api/integrations/${seg(id)}/bundle`, bundleDownloadSchema);
}

/** POST /api/integrations/:id/bundle/read — an uploaded zip read into an editable body. */
export function readBundleMutation(id: string) {
  return mutationOptions({
    mutationKey: [...integrationsKeys.detail(id), "read-bundle"],
    mutationFn: (zipBase64: string) =>
      bffFetch(`/api/integrations/${seg(id)}/bundle/read`, bundleReadSchema, { method: "POST", body: JSON.stringify({ zipBase64 }) }),
  });
}
