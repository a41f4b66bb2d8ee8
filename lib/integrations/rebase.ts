import { stableStringify, type EditableBody } from "./body";
import { DIFF_PARTS, type DiffPart } from "./diff";

/** What rebasing one's edits onto a newer live version gave. */
export interface Rebased {
  body: EditableBody;
  /** Parts both sides changed differently: yours were kept; review them before publishing. */
  conflicts: DiffPart[];
  /** Parts only the live version changed: taken from it. */
  takenFromLive: DiffPart[];
}

const same = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);

/**
 * Three-way merge, part by part (mapping, rules, corpus, …): a part only you changed keeps your
 * version, a part only the live version changed takes the live one, and a part both changed
 * keeps yours and is reported as a conflict, so nothing is lost silently on either side.
 */
export function rebaseBody(base: EditableBody, live: EditableBody, mine: EditableBody): Rebased {
  const body = { ...mine } as Record<DiffPart, unknown>;
  const conflicts: DiffPart[] = [];
  const takenFromLive: DiffPart[] = [];
  for (const part of DIFF_PARTS) {
    const mineChanged = !same(base[part], mine[part]);
    const liveChanged = !same(base[part], live[part]);
    if (!liveChanged) continue;
    if (!mineChanged) {
      body[part] = live[part];
      takenFromLive.push(part);
    } else if (!same(live[part], mine[part])) {
      conflicts.push(part);
    }
  }
  return { body: body as EditableBody, conflicts, takenFromLive };
}
