/** A rule as plain words: a rejection card reads "Rejected when all of: …". */
export interface RuleCard {
  id: string;
  field: string;
  description: string;
  message: string;
  sourceRef: string | null;
  clauses: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === null) return "empty";
  if (typeof value === "string") return `“${value}”`;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

function list(value: unknown): string {
  if (!Array.isArray(value)) return show(value);
  const items = value.map(show);
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1] ?? ""}`;
}

/** One predicate in plain words, e.g. `service status is one of “Awarded” or “Declined”`. */
export function describePredicate(predicate: unknown, factDocs: Record<string, string> = {}): string {
  if (!isRecord(predicate)) return `unreadable condition ${JSON.stringify(predicate)}`;
  const fact = typeof predicate.fact === "string" ? predicate.fact : "?";
  const subject = factDocs[fact] ? `${fact} (${factDocs[fact]})` : fact;
  const value = predicate.value;
  if (typeof value === "boolean" && predicate.op === "eq") return `${subject} is ${value ? "true" : "false"}`;
  if (typeof value === "boolean" && predicate.op === "ne") return `${subject} is not ${value ? "true" : "false"}`;
  switch (predicate.op) {
    case "eq":
      return `${subject} is ${show(value)}`;
    case "ne":
      return `${subject} is not ${show(value)}`;
    case "gt":
      return `${subject} is greater than ${show(value)}`;
    case "gte":
      return `${subject} is at least ${show(value)}`;
    case "lt":
      return `${subject} is less than ${show(value)}`;
    case "lte":
      return `${subject} is at most ${show(value)}`;
    case "in":
      return `${subject} is one of ${list(value)}`;
    case "nin":
      return `${subject} is none of ${list(value)}`;
    default:
      return `${subject} ${String(predicate.op)} ${show(value)}`;
  }
}

/** Turns a rule set (contract §9.4) into cards; non-rule entries become a card that says so. */
export function describeRules(rules: unknown, factDocs: Record<string, string> = {}): RuleCard[] {
  if (!Array.isArray(rules)) return [];
  return rules.map((rule, index) => {
    if (!isRecord(rule))
      return { id: `#${index + 1}`, field: "", description: "Not a rule object", message: "", sourceRef: null, clauses: [] };
    const when = Array.isArray(rule.when) ? rule.when : [];
    return {
      id: typeof rule.id === "string" ? rule.id : `#${index + 1}`,
      field: typeof rule.field === "string" ? rule.field : "",
      description: typeof rule.description === "string" ? rule.description : "",
      message: typeof rule.message === "string" ? rule.message : "",
      sourceRef: typeof rule.sourceRef === "string" ? rule.sourceRef : null,
      clauses: when.map((p) => describePredicate(p, factDocs)),
    };
  });
}
