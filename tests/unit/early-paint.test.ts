import { describe, expect, it } from "vitest";
import { earlyPaintData, earlyPaintScript, storedDiagramPrefetchScript } from "@/components/diagram/early-paint";
import { SVG_STORE } from "@/components/diagram/svg-store";
import { fitToView, MIN_SCALE } from "@/lib/diagram";

// The diagram's early-paint script goes into the server-rendered HTML with the tenant's diagram
// source inside it: nothing in that source may end the <script> element or change the script.

const hostile = `flowchart TD\n  a["</script><script>alert(1)</script>"] --> b["<!-- & --> \u2028 \u2029 \\" ' \` \${x}"]\n`;

describe("diagram early-paint script", () => {
  it("carries the source as data that cannot close the script element", () => {
    const script = earlyPaintScript(hostile);
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toContain("<!--");
    expect(script).not.toContain("<script");
    // The data part is plain JSON that gives back the exact source and the store's coordinates.
    const data = JSON.parse(earlyPaintData(hostile)) as { source: string; db: string; store: string; format: string };
    expect(data).toEqual({ source: hostile, db: SVG_STORE.db, store: SVG_STORE.store, format: SVG_STORE.format });
  });

  it("is one well-formed expression whose functions need nothing from their modules", () => {
    for (const script of [earlyPaintScript("flowchart TD\n  a --> b\n"), storedDiagramPrefetchScript()]) {
      // Parses as a script (throws on a syntax error); it is not run here: it needs a browser.
      expect(() => new Function(script)).not.toThrow();
      // Every function is passed as source text, so none may lean on an import or a module constant:
      // the names the modules use for those must not appear in the script.
      for (const name of [
        "clampScale",
        "MIN_SCALE",
        "MAX_SCALE",
        "IDENTITY",
        "FORBIDDEN",
        "isLocalReference",
        "markDiagram",
        "SVG_STORE",
        "STORED_PAGES_KEY",
        "QUICK_PREFIX",
      ])
        expect(script).not.toContain(name);
      expect(script).not.toMatch(/\bimport\s*\(|\brequire\s*\(|__vite_ssr/);
    }
  });

  it("fits with the same lower bound as the viewer's zoom", () => {
    const tiny = fitToView({ width: 100_000, height: 100_000 }, { width: 200, height: 200 });
    expect(tiny.scale).toBe(MIN_SCALE);
  });
});
