import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import type { Span } from "@opentelemetry/api";
import { startSpan } from "@/lib/observability/tracing";

/**
 * One client span per store query (a child of whatever span is active: the BFF request's, a page's),
 * named by the statement kind. Only the kind and the table go on the span, never parameters (they
 * can hold names, reasons and targets). A query that throws never reaches transformResult: its span
 * is dropped unended (not exported) rather than reported with a wrong duration.
 */
export class StoreTracingPlugin implements KyselyPlugin {
  private readonly spans = new WeakMap<object, Span>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind.replace(/(Query)?Node$/, "").toLowerCase();
    const span = startSpan(`store ${kind}`, { "db.system.name": "postgresql", "db.operation.name": kind, ...tableOf(args.node) });
    if (span.isRecording()) this.spans.set(args.queryId, span);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const span = this.spans.get(args.queryId);
    if (span) {
      this.spans.delete(args.queryId);
      span.setAttribute("db.response.returned_rows", args.result.rows.length);
      span.end();
    }
    return args.result;
  }
}

function tableOf(node: RootOperationNode): Record<string, string> {
  const from =
    "from" in node && node.from && "froms" in node.from
      ? node.from.froms[0]
      : "into" in node
        ? node.into
        : "table" in node
          ? node.table
          : undefined;
  const table =
    from && typeof from === "object" && "table" in from && from.table && typeof from.table === "object" && "identifier" in from.table
      ? from.table.identifier
      : undefined;
  const name = table && typeof table === "object" && "name" in table && typeof table.name === "string" ? table.name : undefined;
  return name ? { "db.collection.name": name } : {};
}
