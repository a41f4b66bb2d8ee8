/**
 * The integration-config store of the sandbox (pegasus-api.md §9): versioned rows per (integration,
 * tenant), their wire projections, and the read model the routes serve (own TENANT rows shadow
 * GLOBAL ones, which shadow the built-in code baseline). SQL lives here; `routes/integrations.ts`
 * keeps HTTP, scoping checks and the contract's codes.
 */
import { randomUUID } from "node:crypto";
import { nowIso, parseJsonColumn, type Db } from "../db";
import { composeDefinition, getBuiltIn, getFloor, listBuiltIns, type GateReport, type IntegrationDefinition } from "../gate";

export interface ConfigRow {
  id: string;
  integration_id: string;
  tenant_id: string;
  version: number;
  visibility: "GLOBAL" | "TENANT";
  status: "PUBLISHED" | "SUPERSEDED";
  mapping: string;
  rules: string;
  corpus: string;
  floor: string;
  display_name: string | null;
  external_shape: string | null;
  external_mapping: string | null;
  inbound: string | null;
  required_secrets: string | null;
  required_configs: string | null;
  published_by: string;
  forked_from_config_id: string | null;
  forked_from_version: number | null;
  created_at: string;
}

export const CONTENT_COLUMNS = [
  "mapping",
  "rules",
  "corpus",
  "floor",
  "display_name",
  "external_shape",
  "external_mapping",
  "inbound",
  "required_secrets",
  "required_configs",
] as const satisfies ReadonlyArray<keyof ConfigRow>;

/** The stored content of a version (what rollback and fork carry forward, field for field). */
export type ConfigContent = Pick<ConfigRow, (typeof CONTENT_COLUMNS)[number]>;

export function contentOf(row: ConfigRow): ConfigContent {
  return Object.fromEntries(CONTENT_COLUMNS.map((k) => [k, row[k]])) as unknown as ConfigContent;
}

export const stored = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

/** Version summary projection (`toSummary`). */
export function toSummary(row: ConfigRow) {
  return {
    id: row.id,
    integrationId: row.integration_id,
    version: row.version,
    visibility: row.visibility,
    status: row.status,
    floor: row.floor,
    displayName: row.display_name,
    publishedBy: row.published_by,
    forkedFromConfigId: row.forked_from_config_id,
    forkedFromVersion: row.forked_from_version,
    createdAt: row.created_at,
  };
}

/** Full projection (`toFull`): the summary plus the version's content; `gateReport` stays hidden. */
export function toFull(row: ConfigRow) {
  return {
    ...toSummary(row),
    mapping: parseJsonColumn(row.mapping),
    rules: parseJsonColumn(row.rules),
    corpus: parseJsonColumn(row.corpus),
    externalShape: parseJsonColumn(row.external_shape),
    externalMapping: parseJsonColumn(row.external_mapping),
    inbound: parseJsonColumn(row.inbound),
    requiredSecrets: parseJsonColumn(row.required_secrets),
    requiredConfigs: parseJsonColumn(row.required_configs),
  };
}

export class ConfigStore {
  constructor(private readonly db: Db) {}

  isPlatformTenant(tenantId: string): boolean {
    const row = this.db.prepare("SELECT is_platform_tenant AS p FROM tenants WHERE id = ?").get(tenantId) as { p: number } | undefined;
    return row?.p === 1;
  }

  /** The caller's own PUBLISHED row. */
  own(integrationId: string, tenantId: string): ConfigRow | undefined {
    return this.db
      .prepare("SELECT * FROM integration_configs WHERE integration_id = ? AND tenant_id = ? AND status = 'PUBLISHED'")
      .get(integrationId, tenantId) as ConfigRow | undefined;
  }

  /** The PUBLISHED GLOBAL row. */
  global(integrationId: string): ConfigRow | undefined {
    return this.db
      .prepare(
        "SELECT * FROM integration_configs WHERE integration_id = ? AND visibility = 'GLOBAL' AND status = 'PUBLISHED' ORDER BY created_at DESC LIMIT 1",
      )
      .get(integrationId) as ConfigRow | undefined;
  }

  /** What the caller resolves: own config, else GLOBAL. */
  active(integrationId: string, tenantId: string): ConfigRow | undefined {
    return this.own(integrationId, tenantId) ?? this.global(integrationId);
  }

  versions(integrationId: string, tenantId: string): ConfigRow[] {
    return this.db
      .prepare("SELECT * FROM integration_configs WHERE integration_id = ? AND tenant_id = ? ORDER BY version DESC")
      .all(integrationId, tenantId) as ConfigRow[];
  }

  version(integrationId: string, tenantId: string, version: number): ConfigRow | undefined {
    return this.db
      .prepare("SELECT * FROM integration_configs WHERE integration_id = ? AND tenant_id = ? AND version = ?")
      .get(integrationId, tenantId, version) as ConfigRow | undefined;
  }

  /** Every PUBLISHED row visible to the tenant (its own and GLOBAL ones). */
  visibleActive(tenantId: string): ConfigRow[] {
    return this.db
      .prepare(
        "SELECT * FROM integration_configs WHERE status = 'PUBLISHED' AND (tenant_id = ? OR visibility = 'GLOBAL') ORDER BY integration_id",
      )
      .all(tenantId) as ConfigRow[];
  }

  /**
   * Appends a version to the caller's lineage and supersedes the previous one, atomically.
   * Versions are monotonic per (integration, tenant).
   */
  append(input: {
    integrationId: string;
    tenantId: string;
    content: ConfigContent;
    report: GateReport;
    publishedBy: string;
    forkedFromConfigId: string | null;
    forkedFromVersion: number | null;
  }): ConfigRow {
    const visibility = this.isPlatformTenant(input.tenantId) ? "GLOBAL" : "TENANT";
    const id = randomUUID();
    this.db.transaction(() => {
      const max = this.db
        .prepare("SELECT COALESCE(MAX(version), 0) AS v FROM integration_configs WHERE integration_id = ? AND tenant_id = ?")
        .get(input.integrationId, input.tenantId) as { v: number };
      this.db
        .prepare("UPDATE integration_configs SET status = 'SUPERSEDED' WHERE integration_id = ? AND tenant_id = ? AND status = 'PUBLISHED'")
        .run(input.integrationId, input.tenantId);
      const c = input.content;
      this.db
        .prepare(
          `INSERT INTO integration_configs (id, integration_id, tenant_id, version, visibility, status, mapping, rules, corpus, floor,
             display_name, external_shape, external_mapping, inbound, required_secrets, required_configs, gate_report, published_by,
             forked_from_config_id, forked_from_version, created_at)
           VALUES (?, ?, ?, ?, ?, 'PUBLISHED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.integrationId,
          input.tenantId,
          max.v + 1,
          visibility,
          c.mapping,
          c.rules,
          c.corpus,
          c.floor,
          c.display_name,
          c.external_shape,
          c.external_mapping,
          c.inbound,
          c.required_secrets,
          c.required_configs,
          JSON.stringify(input.report),
          input.publishedBy,
          input.forkedFromConfigId,
          input.forkedFromVersion,
          nowIso(),
        );
    })();
    return this.db.prepare("SELECT * FROM integration_configs WHERE id = ?").get(id) as ConfigRow;
  }

  /** Number of other tenants holding an overlay of this integration. */
  dependents(integrationId: string, ownerTenantId: string): number {
    const row = this.db
      .prepare(
        "SELECT COUNT(DISTINCT tenant_id) AS n FROM integration_configs WHERE integration_id = ? AND visibility = 'TENANT' AND tenant_id <> ?",
      )
      .get(integrationId, ownerTenantId) as { n: number };
    return row.n;
  }

  deleteLineage(integrationId: string, tenantId: string): number {
    return this.db.transaction(
      () =>
        this.db.prepare("DELETE FROM integration_configs WHERE integration_id = ? AND tenant_id = ?").run(integrationId, tenantId).changes,
    )();
  }

  /**
   * The cached external state of a record (the projection cache of the runtime routes), used as
   * `prior` when a validate call sends none. Fails open: any problem means "no prior".
   */
  projectedState(tenantId: string, integrationId: string, entityType: string, key: string): unknown {
    try {
      const row = this.db
        .prepare(
          "SELECT state FROM integration_projections WHERE tenant_id = ? AND integration_id = ? AND entity_type = ? AND entity_key = ?",
        )
        .get(tenantId, integrationId, entityType, key) as { state: string } | undefined;
      return row ? parseJsonColumn(row.state) : undefined;
    } catch {
      return undefined;
    }
  }

  hasEntry(tenantId: string, kind: "SECRET" | "CONFIG", group: string, key: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM workflow_secret_configs WHERE tenant_id = ? AND kind = ? AND group_name = ? AND key = ?")
        .get(tenantId, kind, group, key) !== undefined
    );
  }
}

/** The definition a tenant's runtime call resolves: own config, GLOBAL, then the built-in. */
export function resolveDefinition(store: ConfigStore, integrationId: string, tenantId: string): IntegrationDefinition | null {
  const row = store.active(integrationId, tenantId);
  if (row) {
    return composeDefinition({
      integrationId,
      floor: row.floor,
      displayName: row.display_name ?? getBuiltIn(integrationId)?.displayName ?? integrationId,
      mapping: parseJsonColumn(row.mapping),
      rules: parseJsonColumn(row.rules),
      externalMapping: parseJsonColumn(row.external_mapping),
    });
  }
  const builtIn = getBuiltIn(integrationId);
  if (!builtIn) return null;
  return composeDefinition({
    integrationId,
    floor: builtIn.floor,
    displayName: builtIn.displayName,
    mapping: builtIn.mapping,
    rules: builtIn.rules,
  });
}

export interface IntegrationSummary {
  id: string;
  name: string;
  description: string;
  published: boolean;
  version: number | null;
  visibility: "GLOBAL" | "TENANT" | null;
}

/** The integration read model: built-ins plus every id with a config the tenant can see. */
export function listIntegrations(store: ConfigStore, tenantId: string): Array<IntegrationSummary & { row: ConfigRow | undefined }> {
  const rows = store.visibleActive(tenantId);
  const ids = new Set([...listBuiltIns().map((b) => b.id), ...rows.map((r) => r.integration_id)]);
  return [...ids].sort().map((id) => {
    const row =
      rows.find((r) => r.integration_id === id && r.tenant_id === tenantId) ??
      rows.find((r) => r.integration_id === id && r.visibility === "GLOBAL");
    const builtIn = getBuiltIn(id);
    const floor = getFloor(row?.floor ?? builtIn?.floor ?? "");
    return {
      id,
      name: row?.display_name ?? builtIn?.displayName ?? id,
      description: builtIn?.description ?? floor?.description ?? "",
      published: row !== undefined,
      version: row?.version ?? null,
      visibility: row?.visibility ?? null,
      row,
    };
  });
}

export const publicSummary = ({ row: _row, ...summary }: IntegrationSummary & { row: ConfigRow | undefined }): IntegrationSummary =>
  summary;
