import type { Database } from "better-sqlite3";

/** Who is calling: set by the auth middleware for every authenticated route. */
export interface Principal {
  /** Cognito `sub` for ID tokens; the service account's TenantUser id for `vnd_` keys. */
  sub: string;
  tenantId: string;
  roleNames: string[];
  /** TenantUser.id (what createdByUserId and friends hold). */
  userId: string;
  credential: "id_token" | "api_key";
}

/** Hono environment of every sandbox route. */
export interface AppEnv {
  Variables: {
    principal: Principal;
    correlationId: string;
  };
}

/** Everything a sandbox instance is configured with (resolved: no optional fields). */
export interface SandboxConfig {
  /** Port the single HTTP server listens on (127.0.0.1). */
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `http://127.0.0.1:<port>/oidc` */
  issuer: string;
  /** `http://127.0.0.1:<port>/api/v1` */
  apiBaseUrl: string;
  /** Folder for SQLite, keys, artifacts, Temporal db. */
  stateDir: string;
  /** Python venv holding the SDK CLI, temporalio and the `temporal` binary. */
  venv: string;
  /** Start the Temporal dev server (executions teammate reads this). */
  temporal: boolean;
  temporalPort: number;
  temporalUiPort: number;
  /** Origins allowed to receive the console's OIDC callback. */
  consoleOrigins: string[];
  idTokenTtlSeconds: number;
  /** INTEGRATION_CONFIG_PUBLISH_ENABLED equivalent. */
  integrationConfigPublish: boolean;
  /** CUSTOM_EVENTS_ENABLED equivalent: `/event-types` answers 404 when off. */
  customEvents: boolean;
  /** Tenant ids whose workflows kill switch is on at start (423 WORKFLOWS_DISABLED on run). */
  workflowsDisabledTenants: string[];
}

/** A row just written to `domain_events`, handed to `ctx.onDomainEvent` listeners. */
export interface DomainEventRecord {
  id: string;
  tenantId: string;
  eventType: string;
  payload: unknown;
  occurredAt: string;
}

export type Hook = () => Promise<void>;
export type DomainEventListener = (event: DomainEventRecord) => void | Promise<void>;

/** One part's readiness as `GET /health` reports it. */
export interface ComponentHealth {
  state: "ok" | "starting" | "disabled" | "down";
  detail?: string;
  address?: string;
  uiUrl?: string;
}

/** Shared state handed to every route module. */
export interface SandboxContext {
  db: Database;
  config: SandboxConfig;
  /** 32-byte AES-256-GCM key from `<stateDir>/secret.key`. */
  secretKey: Buffer;
  /** Run in order after the HTTP server listens (e.g. Temporal start, reconciler). */
  onStart: Hook[];
  /** Run in reverse registration order when the sandbox stops. */
  onStop: Hook[];
  /** Called after every domain event is stored (emit, built-in events). Errors are logged, not thrown. */
  onDomainEvent: DomainEventListener[];
  /** Readiness of optional parts (e.g. "temporal"), served by the sandbox-only `GET /health`. */
  health: Record<string, () => ComponentHealth>;
  log: (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;
  /** Temporal, the execution engine and triggers (`temporal/runtime.ts`); null on contexts that run nothing. */
  executions: import("./temporal/runtime").ExecutionsRuntime | null;
}

/** What `routes/*.ts` export as `register`. */
export type RouteModule = (app: import("hono").Hono<AppEnv>, ctx: SandboxContext) => void;
