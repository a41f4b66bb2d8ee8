import { describe, expect, it } from "vitest";
import { formatCatalogUrl, parseCatalogUrl } from "@/components/workflows/catalog-url";
import { formatWorkflowUrl, parseWorkflowUrl } from "@/components/workflows/versions-url";
import { clampScale, exportFileName, fitToView, MAX_SCALE, mermaidConfig, MIN_SCALE, panBy, parseErrorMessage, toCss, zoomAt } from "@/lib/diagram";

const params = (s: string) => new URLSearchParams(s);

describe("diagram view transform", () => {
  it("fits a large diagram inside the viewport, centred, and never enlarges a small one", () => {
    const big = fitToView({ width: 2000, height: 1000 }, { width: 1032, height: 532 }, 16);
    expect(big.scale).toBeCloseTo(0.5);
    expect(big.x).toBeCloseTo(16);
    expect(big.y).toBeCloseTo(16);
    const small = fitToView({ width: 100, height: 50 }, { width: 500, height: 300 });
    expect(small).toEqual({ scale: 1, x: 200, y: 125 });
  });

  it("falls back to identity on empty sizes", () => {
    expect(fitToView({ width: 0, height: 10 }, { width: 100, height: 100 })).toEqual({ x: 0, y: 0, scale: 1 });
  });

  it("zooms around a point: the content point under it stays put", () => {
    const t = { x: 10, y: 20, scale: 1 };
    const at = { x: 110, y: 220 };
    const z = zoomAt(t, 2, at);
    // Content point under `at` before: ((110-10)/1, (220-20)/1) = (100, 200); after it maps back to `at`.
    expect(z.x + 100 * z.scale).toBeCloseTo(110);
    expect(z.y + 200 * z.scale).toBeCloseTo(220);
    expect(z.scale).toBe(2);
  });

  it("clamps the scale and rejects nonsense", () => {
    expect(zoomAt({ x: 0, y: 0, scale: 7 }, 10, { x: 0, y: 0 }).scale).toBe(MAX_SCALE);
    expect(zoomAt({ x: 0, y: 0, scale: 0.2 }, 0.01, { x: 0, y: 0 }).scale).toBe(MIN_SCALE);
    expect(clampScale(Number.NaN)).toBe(1);
    expect(clampScale(-2)).toBe(1);
  });

  it("pans and renders CSS", () => {
    expect(toCss(panBy({ x: 1, y: 2, scale: 0.5 }, 10, -5))).toBe("translate(11px, -3px) scale(0.5)");
  });
});

describe("mermaid configuration for untrusted diagrams", () => {
  it("is strict, uses SVG text labels and locks the settings against init directives", () => {
    for (const theme of ["light", "dark"] as const) {
      const c = mermaidConfig(theme);
      expect(c.securityLevel).toBe("strict");
      expect(c.htmlLabels).toBe(false);
      expect(c.flowchart.htmlLabels).toBe(false);
      expect(c.startOnLoad).toBe(false);
      expect(c.secure).toEqual(expect.arrayContaining(["securityLevel", "htmlLabels", "flowchart", "themeCSS", "dompurifyConfig", "secure"]));
    }
    expect(mermaidConfig("dark").theme).toBe("dark");
    expect(mermaidConfig("light").theme).toBe("default");
  });

  it("turns parser failures into readable text", () => {
    expect(parseErrorMessage(new Error("Parse error on line 2:\r\n...A -->\n"))).toBe("Parse error on line 2:\n...A -->");
    expect(parseErrorMessage(undefined)).toBe("The diagram could not be parsed.");
    expect(parseErrorMessage("x".repeat(5000))).toHaveLength(2000);
  });

  it("names exports safely", () => {
    expect(exportFileName("quote-accepted-deposit", "0.3.0", "svg")).toBe("quote-accepted-deposit-0.3.0.svg");
    expect(exportFileName("../../etc", "1.0.0 <x>", "png")).toBe(".._.._etc-1.0.0_x_.png");
  });
});

describe("shareable URLs", () => {
  it("catalog: round-trips search, retired and section; drops defaults and unknown values", () => {
    const s = parseCatalogUrl(params("q=quote+sms&retired=1&section=platform"));
    expect(s).toEqual({ q: "quote sms", includeRetired: true, section: "platform" });
    expect(parseCatalogUrl(params(formatCatalogUrl(s).slice(1)))).toEqual(s);
    expect(parseCatalogUrl(params("section=evil&retired=yes"))).toEqual({ q: "", includeRetired: false, section: "all" });
    expect(formatCatalogUrl({ q: "  ", includeRetired: false, section: "all" })).toBe("");
  });

  it("workflow page: tab and compare pair; ids that are not ids are ignored", () => {
    const s = parseWorkflowUrl(params("tab=versions&a=4f6c-aa&b=<script>"));
    expect(s).toEqual({ tab: "versions", a: "4f6c-aa", b: null });
    expect(formatWorkflowUrl(s)).toBe("?tab=versions&a=4f6c-aa");
    expect(formatWorkflowUrl({ tab: "overview", a: "x", b: "y" })).toBe("");
    expect(parseWorkflowUrl(params("tab=nope")).tab).toBe("overview");
  });
});
