import { describe, expect, it } from "vitest";
import type { EditableBody } from "./body";
import { rebaseBody } from "./rebase";

const body = (over: Partial<EditableBody>): EditableBody =>
  ({
    mapping: { a: 1 },
    rules: [],
    corpus: [],
    floor: null,
    displayName: "X",
    externalShape: null,
    externalMapping: null,
    inbound: null,
    requiredSecrets: null,
    requiredConfigs: null,
    ...over,
  }) as EditableBody;

describe("rebaseBody", () => {
  it("keeps my parts, takes parts only live changed, reports parts both changed", () => {
    const base = body({});
    const live = body({ rules: [{ id: "r-live" }], displayName: "Live name" });
    const mine = body({ mapping: { a: 2 }, displayName: "My name" });
    const out = rebaseBody(base, live, mine);
    expect(out.body.mapping).toEqual({ a: 2 });
    expect(out.body.rules).toEqual([{ id: "r-live" }]);
    expect(out.body.displayName).toBe("My name");
    expect(out.takenFromLive).toEqual(["rules"]);
    expect(out.conflicts).toEqual(["displayName"]);
  });

  it("does not call identical changes a conflict, and ignores key order", () => {
    const base = body({ mapping: { a: 1, b: 2 } });
    const change = { b: 3, a: 1 };
    const out = rebaseBody(base, body({ mapping: change }), body({ mapping: { a: 1, b: 3 } }));
    expect(out.conflicts).toEqual([]);
    expect(out.takenFromLive).toEqual([]);
  });
});
