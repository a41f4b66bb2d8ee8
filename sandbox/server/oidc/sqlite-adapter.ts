import Database from "better-sqlite3";
import type { Adapter, AdapterPayload } from "oidc-provider";

type Db = Database.Database;

interface Row {
  payload: string;
  expires_at: number | null;
  consumed_at: number | null;
}

/** Opens (creating if needed) the issuer's own SQLite file; kept apart from the API database. */
export function openOidcDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.exec(`
    CREATE TABLE IF NOT EXISTS oidc_models (
      model       TEXT NOT NULL,
      id          TEXT NOT NULL,
      payload     TEXT NOT NULL,
      grant_id    TEXT,
      user_code   TEXT,
      uid         TEXT,
      expires_at  INTEGER,
      consumed_at INTEGER,
      PRIMARY KEY (model, id)
    );
    CREATE INDEX IF NOT EXISTS oidc_models_grant ON oidc_models (model, grant_id);
    CREATE INDEX IF NOT EXISTS oidc_models_uid ON oidc_models (model, uid);
    CREATE INDEX IF NOT EXISTS oidc_models_user_code ON oidc_models (model, user_code);
    CREATE INDEX IF NOT EXISTS oidc_models_expiry ON oidc_models (expires_at);
  `);
  return db;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * oidc-provider storage adapter on better-sqlite3: one row per stored model instance, so sessions,
 * grants and refresh tokens survive a sandbox restart. Expired rows are hidden on read and purged
 * lazily on write.
 */
export class SqliteAdapter implements Adapter {
  private readonly select;
  private readonly selectByUid;
  private readonly selectByUserCode;
  private readonly upsertStmt;
  private readonly consumeStmt;
  private readonly destroyStmt;
  private readonly revokeStmt;
  private readonly purgeStmt;

  constructor(
    db: Db,
    private readonly model: string,
  ) {
    const live = "(expires_at IS NULL OR expires_at > @now)";
    this.select = db.prepare<{ model: string; id: string; now: number }, Row>(
      `SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = @model AND id = @id AND ${live}`,
    );
    this.selectByUid = db.prepare<{ model: string; uid: string; now: number }, Row>(
      `SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = @model AND uid = @uid AND ${live}`,
    );
    this.selectByUserCode = db.prepare<{ model: string; userCode: string; now: number }, Row>(
      `SELECT payload, expires_at, consumed_at FROM oidc_models WHERE model = @model AND user_code = @userCode AND ${live}`,
    );
    this.upsertStmt = db.prepare(
      `INSERT INTO oidc_models (model, id, payload, grant_id, user_code, uid, expires_at, consumed_at)
       VALUES (@model, @id, @payload, @grantId, @userCode, @uid, @expiresAt, NULL)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
         user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at, consumed_at = NULL`,
    );
    this.consumeStmt = db.prepare("UPDATE oidc_models SET consumed_at = @now WHERE model = @model AND id = @id");
    this.destroyStmt = db.prepare("DELETE FROM oidc_models WHERE model = @model AND id = @id");
    this.revokeStmt = db.prepare("DELETE FROM oidc_models WHERE model = @model AND grant_id = @grantId");
    this.purgeStmt = db.prepare("DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at <= @now");
  }

  private static revive(row: Row | undefined): AdapterPayload | undefined {
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const now = nowSeconds();
    this.purgeStmt.run({ now });
    this.upsertStmt.run({
      model: this.model,
      id,
      payload: JSON.stringify(payload),
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt: typeof expiresIn === "number" ? now + expiresIn : null,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return SqliteAdapter.revive(this.select.get({ model: this.model, id, now: nowSeconds() }));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return SqliteAdapter.revive(this.selectByUid.get({ model: this.model, uid, now: nowSeconds() }));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return SqliteAdapter.revive(this.selectByUserCode.get({ model: this.model, userCode, now: nowSeconds() }));
  }

  async consume(id: string): Promise<void> {
    this.consumeStmt.run({ model: this.model, id, now: nowSeconds() });
  }

  async destroy(id: string): Promise<void> {
    this.destroyStmt.run({ model: this.model, id });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    this.revokeStmt.run({ model: this.model, grantId });
  }
}
