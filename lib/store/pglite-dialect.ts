import type { PGlite } from "@electric-sql/pglite";
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from "kysely";

/**
 * Kysely dialect for an in-process PGlite database. PGlite is a single Postgres backend, so it
 * has exactly one connection: callers queue for it (FIFO), which keeps one caller's transaction
 * from interleaving with another's statements.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly open: () => Promise<PGlite>) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.open);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiled.sql, [...compiled.parameters], { rowMode: "object" });
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      // Kysely reads numAffectedRows for insert/update/delete only.
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // PGlite has no cursors over its query API: the whole result is one chunk.
  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield await this.executeQuery<R>(compiled);
  }
}

class PgliteDriver implements Driver {
  private pg: PGlite | null = null;
  private connection: PgliteConnection | null = null;
  /** Resolves when the previous holder released the connection. */
  private queue: Promise<void> = Promise.resolve();
  private releaseCurrent: (() => void) | null = null;

  constructor(private readonly open: () => Promise<PGlite>) {}

  async init(): Promise<void> {
    this.pg = await this.open();
    this.connection = new PgliteConnection(this.pg);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.releaseCurrent = release;
    if (!this.connection) throw new Error("The embedded store is closed");
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    await connection.executeQuery(CompiledQuery.raw(`begin${level}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(): Promise<void> {
    const release = this.releaseCurrent;
    this.releaseCurrent = null;
    release?.();
  }

  async destroy(): Promise<void> {
    // Wait for the current holder, then close the database.
    await this.queue;
    const pg = this.pg;
    this.pg = null;
    this.connection = null;
    if (pg && !pg.closed) await pg.close();
  }
}
