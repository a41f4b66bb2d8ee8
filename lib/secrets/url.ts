import { z } from "zod";
import { groupSchema, keySchema } from "@/lib/schemas/common";

/** The page state a URL can carry: a group filter and a pre-filled Add form. */
export interface SecretsUrlState {
  group: string | null;
  add: { key: string; kind: "secret" | "config" } | null;
}

const kindSchema = z.enum(["secret", "config"]);

/**
 * Reads `?group=G`, `?add=KEY&kind=secret|config` (kind defaults to secret). Anything that breaks
 * the contract's key/group patterns is ignored rather than pre-filled.
 */
export function parseSecretsUrl(params: { get(name: string): string | null }): SecretsUrlState {
  const group = groupSchema.safeParse(params.get("group") ?? "");
  const key = keySchema.safeParse(params.get("add") ?? "");
  const kind = kindSchema.safeParse(params.get("kind") ?? "secret");
  return {
    group: group.success ? group.data : null,
    add: key.success ? { key: key.data, kind: kind.success ? kind.data : "secret" } : null,
  };
}

/** A shareable query string for a state (empty string when there is nothing to carry). */
export function formatSecretsUrl(state: SecretsUrlState): string {
  const params = new URLSearchParams();
  if (state.group) params.set("group", state.group);
  if (state.add) {
    params.set("add", state.add.key);
    params.set("kind", state.add.kind);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
