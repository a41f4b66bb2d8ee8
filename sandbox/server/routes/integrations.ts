/**
 * Integration config (pegasus-api.md §9): the versioned config store, the publish gate over
 * HTTP, floors and schemas, and the stateless runtime transforms. The gate itself is pure and
 * lives in `../gate`; this module adds persistence, scoping (own TENANT rows shadow GLOBAL ones,
 * which shadow the built-in code baseline) and the contract's codes.
 */
import type { Context, MiddlewareHandler } from "hono";
import { z } from "zod";
import type { AppEnv, Principal, RouteModule, SandboxContext } from "../context";
import { authenticate, requireAction } from "../auth/middleware";
import { parseJsonColumn } from "../db";
import {
  ConfigStore,
  contentOf,
  listIntegrations,
  publicSummary,
  resolveDefinition,
  stored,
  toFull,
  toSummary,
  type ConfigContent,
  type ConfigRow,
} from "../lib/integration-configs";
import { ApiError, notFound, ok, parseJsonBody, parseQuery, parseWith, validationError } from "../http";
import {
  applyMapping,
  floorView,
  getBuiltIn,
  getFloor,
  inboundJsonSchema,
  listFloors,
  mappingJsonSchema,
  ORDER_ACTIONS,
  projectExternal,
  runGate,
  validateWithDefinition,
  type CorpusCase,
  type GateReport,
  type IntegrationDefinition,
  type Json,
  type TypeFloor,
} from "../gate";

// ---------------------------------------------------------------------------------------------
// Request schemas
// ---------------------------------------------------------------------------------------------

const integrationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, "integration id must match [A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

const requirementSchema = z.strictObject({
  key: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,127}$/, "key must match [a-zA-Z_][a-zA-Z0-9_]{0,127}"),
  group: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, "group must match [a-zA-Z0-9_-]{1,64}")
    .optional(),
  description: z.string().max(500).optional(),
});

const actionSchema = z.enum(ORDER_ACTIONS);

const corpusCaseSchema = z.object({
  name: z.string().min(1),
  input: z.object({ order: z.json(), prior: z.json().optional(), action: actionSchema.optional() }),
  expected: z.object({ valid: z.boolean(), ruleIds: z.array(z.string()) }),
});

const jsonObjectSchema = z.record(z.string(), z.json());

/** `ConfigBody` (§9.2). Optional fields may also be sent as null (a console echoing a config). */
const configBodySchema = z.object({
  mapping: z.json(),
  rules: z.json(),
  corpus: z.array(corpusCaseSchema),
  floor: z.string().min(1).nullish(),
  displayName: z.string().min(1).max(200).nullish(),
  externalShape: jsonObjectSchema.nullish(),
  externalMapping: z.json().nullish(),
  inbound: jsonObjectSchema.nullish(),
  requiredSecrets: z.array(requirementSchema).nullish(),
  requiredConfigs: z.array(requirementSchema).nullish(),
});
type ConfigBody = z.infer<typeof configBodySchema>;

const forceQuerySchema = z.object({ force: z.enum(["true", "false"]).optional() });

const validateBodySchema = z.object({ order: z.json(), prior: z.json().optional(), action: actionSchema.optional() });
const mapToExternalBodySchema = z.object({ data: z.json(), action: actionSchema.optional() });
const mapFromExternalBodySchema = z.object({ data: z.json() });

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Reads and validates a JSON body: bad JSON, nesting past MAX_JSON_DEPTH and schema failures are 400s. */
function readBody<T>(c: Context<AppEnv>, schema: z.ZodType<T>): Promise<T> {
  return parseJsonBody(c, schema);
}

function integrationIdOf(c: Context<AppEnv>): string {
  const raw = c.req.param("integrationId") ?? "";
  const parsed = integrationIdSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error.issues[0]?.message ?? "Invalid integration id");
  return parsed.data;
}

function requirePublishFlag(ctx: SandboxContext): MiddlewareHandler<AppEnv> {
  return async (_c, next) => {
    if (!ctx.config.integrationConfigPublish) throw new ApiError(403, "FEATURE_DISABLED", "Integration config publishing is not enabled");
    await next();
  };
}

/** `vnd_` keys only (any tenant's): the runtime transforms are the machine surface. */
function requireApiKey(ctx: SandboxContext): MiddlewareHandler<AppEnv> {
  const dual = authenticate(ctx);
  return async (c, next) => {
    const header = c.req.header("authorization")?.trim() ?? "";
    if (!/^Bearer vnd_\S+$/i.test(header)) {
      throw new ApiError(401, "UNAUTHORIZED", "An API key (vnd_…) is required", { correlationId: c.get("correlationId") });
    }
    await dual(c, next);
  };
}

/**
 * The floor the gate judges against: the requested `floor`, else the floor of the definition
 * the caller resolves today (own config, GLOBAL, built-in).
 */
function gateFloor(store: ConfigStore, integrationId: string, principal: Principal, requested: string | null | undefined): TypeFloor {
  if (requested) {
    const floor = getFloor(requested);
    if (!floor) throw notFound(`Unknown floor "${requested}"`);
    return floor;
  }
  const existing = store.active(integrationId, principal.tenantId)?.floor ?? getBuiltIn(integrationId)?.floor;
  const floor = existing ? getFloor(existing) : undefined;
  if (!floor) throw notFound(`Unknown integration "${integrationId}" — pass "floor" to target a type floor`);
  return floor;
}

function gateCandidate(body: ConfigBody) {
  return {
    mapping: body.mapping,
    rules: body.rules,
    corpus: body.corpus as CorpusCase[],
    externalShape: body.externalShape ?? undefined,
    externalMapping: body.externalMapping ?? undefined,
  };
}

function regate(row: Pick<ConfigContent, "mapping" | "rules" | "corpus" | "external_shape" | "external_mapping" | "floor">): {
  floor: TypeFloor | undefined;
  report: GateReport | null;
} {
  const floor = getFloor(row.floor);
  if (!floor) return { floor, report: null };
  const corpus = parseWith(z.array(corpusCaseSchema), parseJsonColumn(row.corpus)) as CorpusCase[];
  const report = runGate(floor, {
    mapping: parseJsonColumn(row.mapping),
    rules: parseJsonColumn(row.rules),
    corpus,
    externalShape: parseJsonColumn(row.external_shape) ?? undefined,
    externalMapping: parseJsonColumn(row.external_mapping) ?? undefined,
  });
  return { floor, report };
}

function gateFailed(message: string, report: GateReport): ApiError {
  return new ApiError(422, "GATE_FAILED", message, { report });
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

export const register: RouteModule = (app, ctx) => {
  const store = new ConfigStore(ctx.db);
  const auth = authenticate(ctx);
  const read = requireAction("ReadIntegrationConfig");
  const publish = requireAction("PublishIntegrationConfig");
  const flag = requirePublishFlag(ctx);

  // GET /integrations/mapping-schema — public JSON Schema of the mapping DSL (bare body)
  app.get("/integrations/mapping-schema", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.json(mappingJsonSchema);
  });

  // GET /integrations/inbound-schema — public JSON Schema of the `inbound` block (bare body)
  app.get("/integrations/inbound-schema", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.json(inboundJsonSchema);
  });

  // GET /integrations/floors — every floor's authoring contract (public)
  app.get("/integrations/floors", (c) => ok(c, listFloors().map(floorView)));

  // GET /integrations/floors/:floorId — one floor's authoring contract (public)
  app.get("/integrations/floors/:floorId", (c) => {
    const floor = getFloor(c.req.param("floorId"));
    if (!floor) throw notFound(`Unknown floor "${c.req.param("floorId")}"`);
    return ok(c, floorView(floor));
  });

  // GET /integrations/configs — integrations visible to the caller (dual auth)
  app.get("/integrations/configs", auth, read, (c) => {
    const list = listIntegrations(store, c.get("principal").tenantId).map(publicSummary);
    return ok(c, list, { meta: { count: list.length } });
  });

  // GET /integrations — the same read model, Cognito ID tokens only
  app.get("/integrations", authenticate(ctx, { cognitoOnly: true }), read, (c) =>
    ok(c, listIntegrations(store, c.get("principal").tenantId).map(publicSummary)),
  );

  // GET /integrations/requirements-summary — declared keys of each integration, with presence
  app.get("/integrations/requirements-summary", auth, read, (c) => {
    const tenantId = c.get("principal").tenantId;
    let totalMissing = 0;
    const integrations = listIntegrations(store, tenantId).map((summary) => {
      const declared = (column: string | null | undefined, kind: "SECRET" | "CONFIG") => {
        const parsed = z.array(requirementSchema).safeParse(parseJsonColumn(column ?? null) ?? []);
        return (parsed.success ? parsed.data : []).map((r) => {
          const group = r.group ?? "global";
          return { kind, key: r.key, group, description: r.description ?? null, present: store.hasEntry(tenantId, kind, group, r.key) };
        });
      };
      const requirements = [...declared(summary.row?.required_secrets, "SECRET"), ...declared(summary.row?.required_configs, "CONFIG")];
      const missingCount = requirements.filter((r) => !r.present).length;
      totalMissing += missingCount;
      return { integrationId: summary.id, displayName: summary.name, requirements, missingCount };
    });
    return ok(c, { integrations, totalMissing });
  });

  // GET /integrations/:integrationId/config — the active config for the caller (own, else GLOBAL)
  app.get("/integrations/:integrationId/config", auth, read, (c) => {
    const row = store.active(integrationIdOf(c), c.get("principal").tenantId);
    if (!row) throw notFound("No published config");
    return ok(c, toFull(row));
  });

  // GET /integrations/:integrationId/config/versions — the caller's own lineage, newest first
  app.get("/integrations/:integrationId/config/versions", auth, read, (c) => {
    const rows = store.versions(integrationIdOf(c), c.get("principal").tenantId);
    return ok(c, rows.map(toSummary), { meta: { count: rows.length } });
  });

  // POST /integrations/:integrationId/config/validate — dry-run the gate; 200 even when ok:false
  app.post("/integrations/:integrationId/config/validate", auth, publish, async (c) => {
    const integrationId = integrationIdOf(c);
    const body = await readBody(c, configBodySchema);
    const floor = gateFloor(store, integrationId, c.get("principal"), body.floor);
    return ok(c, runGate(floor, gateCandidate(body), integrationId));
  });

  // POST /integrations/:integrationId/config — gate, then publish a new version
  app.post("/integrations/:integrationId/config", auth, publish, flag, async (c) => {
    const integrationId = integrationIdOf(c);
    const principal = c.get("principal");
    const body = await readBody(c, configBodySchema);
    const floor = gateFloor(store, integrationId, principal, body.floor);
    const report = runGate(floor, gateCandidate(body), integrationId);
    if (!report.ok) throw gateFailed("Config failed the validation gate", report);
    const row = store.append({
      integrationId,
      tenantId: principal.tenantId,
      content: {
        mapping: JSON.stringify(body.mapping),
        rules: JSON.stringify(body.rules),
        corpus: JSON.stringify(body.corpus),
        floor: body.floor ?? floor.floor,
        display_name: body.displayName ?? null,
        external_shape: stored(body.externalShape),
        external_mapping: stored(body.externalMapping),
        inbound: stored(body.inbound),
        required_secrets: stored(body.requiredSecrets),
        required_configs: stored(body.requiredConfigs),
      },
      report,
      publishedBy: principal.userId,
      forkedFromConfigId: null,
      forkedFromVersion: null,
    });
    return ok(c, toFull(row), { status: 201 });
  });

  /** Rollback and fork both append a copy of a stored version, but only after it passes the gate again. */
  function copyForward(
    integrationId: string,
    principal: Principal,
    source: ConfigRow,
    failure: string,
    forkedFrom: { configId: string | null; version: number | null },
  ) {
    const { floor, report } = regate(source);
    if (!floor || !report) throw notFound(`Unknown floor "${source.floor}"`);
    if (!report.ok) throw gateFailed(failure, report);
    return store.append({
      integrationId,
      tenantId: principal.tenantId,
      content: contentOf(source),
      report,
      publishedBy: principal.userId,
      forkedFromConfigId: forkedFrom.configId,
      forkedFromVersion: forkedFrom.version,
    });
  }

  // POST /integrations/:integrationId/config/rollback/:version — copy version N forward, re-gated
  app.post("/integrations/:integrationId/config/rollback/:version", auth, publish, flag, (c) => {
    const integrationId = integrationIdOf(c);
    const principal = c.get("principal");
    const rawVersion = c.req.param("version");
    if (!/^[1-9]\d{0,8}$/.test(rawVersion)) throw validationError("Invalid version");
    const version = Number(rawVersion);
    const source = store.version(integrationId, principal.tenantId, version);
    if (!source) throw notFound(`Version ${version} not found`);
    const row = copyForward(integrationId, principal, source, "Rolled-back config no longer passes the gate", {
      configId: source.forked_from_config_id,
      version: source.forked_from_version,
    });
    return ok(c, toFull(row), { status: 201 });
  });

  // POST /integrations/:integrationId/config/fork[?force=true] — copy GLOBAL into a TENANT overlay
  app.post("/integrations/:integrationId/config/fork", auth, publish, flag, (c) => {
    const integrationId = integrationIdOf(c);
    const principal = c.get("principal");
    const { force } = parseQuery(c, forceQuerySchema);
    if (store.isPlatformTenant(principal.tenantId)) {
      throw new ApiError(400, "PLATFORM_TENANT_CANNOT_FORK", "The platform tenant owns the GLOBAL config and cannot fork it");
    }
    const global = store.global(integrationId);
    if (!global) throw notFound(`No GLOBAL config published for "${integrationId}"`);
    if (force !== "true" && store.versions(integrationId, principal.tenantId).length > 0) {
      throw new ApiError(
        409,
        "CONFLICT",
        `This tenant already has its own config for "${integrationId}"; retry with force=true to refresh it from GLOBAL`,
      );
    }
    const row = copyForward(integrationId, principal, global, "The GLOBAL config no longer passes the gate", {
      configId: global.id,
      version: global.version,
    });
    return ok(c, toFull(row), { status: 201 });
  });

  // DELETE /integrations/:integrationId/config[?force=true] — hard-delete the caller's whole lineage
  app.delete("/integrations/:integrationId/config", auth, publish, flag, (c) => {
    const integrationId = integrationIdOf(c);
    const principal = c.get("principal");
    const { force } = parseQuery(c, forceQuerySchema);
    const visibility = store.isPlatformTenant(principal.tenantId) ? "GLOBAL" : "TENANT";
    if (store.versions(integrationId, principal.tenantId).length === 0) {
      throw notFound(`No ${visibility} config published for "${integrationId}"`);
    }
    if (visibility === "GLOBAL" && force !== "true") {
      const dependents = store.dependents(integrationId, principal.tenantId);
      if (dependents > 0) {
        throw new ApiError(
          409,
          "DEPENDENTS_EXIST",
          `${dependents} tenant(s) still have their own config for "${integrationId}"; retry with force=true`,
          { dependents },
        );
      }
    }
    const deleted = store.deleteLineage(integrationId, principal.tenantId);
    return ok(c, { integrationId, visibility, deleted });
  });

  // --- runtime transforms: vnd_ keys of any tenant, bare JSON, nothing written ---------------

  const runtime = requireApiKey(ctx);
  const definitionFor = (c: Context<AppEnv>): { def: IntegrationDefinition | null } => {
    const integrationId = integrationIdOf(c);
    let def: IntegrationDefinition | null;
    try {
      def = resolveDefinition(store, integrationId, c.get("principal").tenantId);
    } catch (err) {
      // A stored config that no longer composes: fail open rather than 5xx.
      ctx.log("warn", "integration definition failed to compose", {
        integrationId,
        error: err instanceof Error ? err.message : String(err),
      });
      return { def: null };
    }
    if (!def) {
      throw new ApiError(404, "NOT_FOUND", `Unknown integration "${integrationId}"`, { correlationId: c.get("correlationId") });
    }
    return { def };
  };
  const degraded = { valid: true, issues: [], degraded: true };
  /** Body parsing of the stateless routes: their 400s carry the correlation id too. */
  const runtimeBody = async <T>(c: Context<AppEnv>, schema: z.ZodType<T>): Promise<T> => {
    try {
      return await readBody(c, schema);
    } catch (err) {
      if (err instanceof ApiError)
        throw new ApiError(err.status, err.code, err.message, { ...err.extras, correlationId: c.get("correlationId") });
      throw err;
    }
  };

  /** Last-known state of the order from the projection cache, when the floor binds one. */
  const projectedPrior = (def: IntegrationDefinition, order: Json, tenantId: string): Json | undefined => {
    const { projection, projectionKey } = def.floor;
    if (!projection || !projectionKey) return undefined;
    try {
      const key = projectionKey(applyMapping(def.mapping, order));
      if (!key) return undefined;
      const state = store.projectedState(tenantId, def.integrationId, projection.entityType, key);
      return state === undefined || state === null ? undefined : (state as Json);
    } catch {
      return undefined;
    }
  };

  // POST /integrations/:integrationId/validate — {valid, issues, degraded}; fails open; a missing
  // `prior` is looked up in the tenant's projection cache
  app.post("/integrations/:integrationId/validate", runtime, async (c) => {
    const body = await runtimeBody(c, validateBodySchema);
    const { def } = definitionFor(c);
    if (!def) return c.json(degraded);
    const input = { ...body, prior: body.prior ?? projectedPrior(def, body.order, c.get("principal").tenantId) };
    const { canonical: _canonical, ...result } = validateWithDefinition(def, input);
    return c.json(result);
  });

  // POST /integrations/:integrationId/map-to-external — native data → partner external body
  app.post("/integrations/:integrationId/map-to-external", runtime, async (c) => {
    const body = await runtimeBody(c, mapToExternalBodySchema);
    const { def } = definitionFor(c);
    if (!def) return c.json({ external: null, ...degraded });
    const { canonical, ...result } = validateWithDefinition(def, { order: body.data, action: body.action });
    let external: Json | null = null;
    if (canonical !== null) {
      try {
        external = projectExternal(def, canonical);
      } catch {
        return c.json({ external: null, ...degraded });
      }
    }
    return c.json({ external, ...result });
  });

  // POST /integrations/:integrationId/map-from-external — partner native payload → canonical entity
  app.post("/integrations/:integrationId/map-from-external", runtime, async (c) => {
    const body = await runtimeBody(c, mapFromExternalBodySchema);
    const { def } = definitionFor(c);
    if (!def) return c.json({ canonical: null, ...degraded });
    const { canonical, ...result } = validateWithDefinition(def, { order: body.data });
    return c.json({ canonical, ...result });
  });
};
