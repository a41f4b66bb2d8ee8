import { createLoader, createParser, createSerializer, parseAsStringLiteral } from "nuqs/server";

/** Tabs of an integration's page; the active one, the diff pair and the editor part live in the URL. */
export const INTEGRATION_TABS = ["mapping", "rules", "corpus", "raw", "edit", "versions"] as const;
export type IntegrationTab = (typeof INTEGRATION_TABS)[number];

/** `?diff=older..newer`: two different positive versions, kept in ascending order; junk reads as none. */
const diffParser = createParser<[number, number]>({
  parse(value) {
    const match = /^(\d+)\.\.(\d+)$/.exec(value);
    if (!match) return null;
    const a = Number(match[1]);
    const b = Number(match[2]);
    return a > 0 && b > 0 && a !== b ? [Math.min(a, b), Math.max(a, b)] : null;
  },
  serialize: ([a, b]) => `${a}..${b}`,
  eq: (x, y) => x[0] === y[0] && x[1] === y[1],
});

/** The page's URL state as nuqs parsers (components read and write it with `useQueryStates`). */
export const integrationUrlState = {
  tab: parseAsStringLiteral(INTEGRATION_TABS).withDefault("mapping"),
  diff: diffParser,
};

export interface IntegrationUrlState {
  tab: IntegrationTab;
  /** Versions compared in the diff (older, newer), when chosen. */
  diff: [number, number] | null;
}

const load = createLoader(integrationUrlState);
const serialize = createSerializer(integrationUrlState);

/** Reads the shareable state from search params; junk falls back to defaults. */
export function parseIntegrationUrl(params: URLSearchParams): IntegrationUrlState {
  return load(params);
}

/** Builds the query string for a state (defaults omitted). */
export function formatIntegrationUrl(state: IntegrationUrlState): string {
  return serialize(state);
}
