import { describe, expect, it } from "vitest";
import { formatCatalogUrl, parseCatalogUrl } from "@/components/workflows/catalog-url";
import { formatWorkflowUrl, parseWorkflowUrl } from "@/components/workflows/versions-url";
import {
  clampScale,
  exportFileName,
  fitToView,
  MAX_SCALE,
  mermaidConfig,
  MIN_SCALE,
  neutralizeDiagramSource,
  panBy,
  parseErrorMessage,
  removedPartsNotice,
  toCss,
  zoomAt,
} from "@/lib/diagram";

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
      expect(c.secure).toEqual(
        expect.arrayContaining(["securityLevel", "htmlLabels", "flowchart", "themeCSS", "dompurifyConfig", "secure"]),
      );
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

describe("neutralising untrusted diagram source (issue 13)", () => {
  const kinds = (source: string) => neutralizeDiagramSource(source).removed.map((r) => r.kind);

  it("drops image shapes but keeps the node and its label", () => {
    const { source, removed } = neutralizeDiagramSource(
      'flowchart TD\n  A@{ img: "/api/workflows?x", label: "Quote", pos: "t", h: 60, constraint: "on" } --> B',
    );
    expect(source).toBe('flowchart TD\n  A@{ label: "Quote" } --> B');
    expect(source).not.toContain("/api/workflows");
    expect(removed).toEqual([
      { kind: "image", line: 2 },
      { kind: "shape-data", line: 2 },
    ]);
  });

  it("drops a bare image or icon shape to a plain node, including multi-line shape data", () => {
    expect(neutralizeDiagramSource('flowchart LR\n  A@{ img: "https://evil.example/p.png" }\n  A --> B').source).toBe(
      "flowchart LR\n  A\n  A --> B",
    );
    const multi = neutralizeDiagramSource(
      'flowchart LR\n  A@{\n    icon: "fa:user"\n    form: "square"\n    label: "User"\n  }\n  A --> B',
    );
    expect(multi.source).toBe('flowchart LR\n  A@{ label: "User" }\n\n\n\n\n  A --> B');
    expect(multi.removed.map((r) => r.kind)).toEqual(["icon", "shape-data"]);
    expect(kinds('flowchart LR\n  A@{ shape: image, label: "x" }')).toEqual(["image"]);
    expect(kinds('flowchart LR\n  A@{ shape: icon-square, label: "x" }')).toEqual(["image"]);
  });

  it("keeps harmless shape data and edge animation as they mean", () => {
    const { source, removed } = neutralizeDiagramSource(
      "flowchart LR\n  A@{ shape: diam, label: 'Pick: one' }\n  A e1@--> B\n  e1@{ animate: true }",
    );
    expect(removed).toEqual([]);
    expect(source).toBe('flowchart LR\n  A@{ shape: diam, label: "Pick: one" }\n  A e1@--> B\n  e1@{ animate: true }');
  });

  it("leaves shape-data look-alikes inside quoted labels alone", () => {
    const text = 'flowchart LR\n  A["mail me@{ img: x }"] --> B';
    expect(neutralizeDiagramSource(text)).toEqual({ source: text, removed: [] });
  });

  it("removes click, class-diagram link/callback and sequence link statements, also after a semicolon", () => {
    const { source, removed } = neutralizeDiagramSource(
      [
        "flowchart TD",
        "  A --> B; click A call window.x()",
        '  click B href "javascript:alert(1)"',
        '  click B "https://evil.example" "tip"',
        "  link --> B",
      ].join("\n"),
    );
    expect(source).toBe("flowchart TD\n  A --> B\n\n\n  link --> B");
    expect(removed.map((r) => [r.kind, r.line])).toEqual([
      ["link", 2],
      ["link", 3],
      ["link", 4],
    ]);
    expect(kinds('classDiagram\n  class Shape\n  link Shape "https://evil.example"\n  callback Shape "fn"')).toEqual(["link", "link"]);
    expect(
      kinds('sequenceDiagram\n  link Alice: Dash @ https://evil.example\n  links Bob: {"x": "https://evil.example"}\n  Alice->>Bob: hi'),
    ).toEqual(["link", "link"]);
    expect(neutralizeDiagramSource('C4Context\n  Person(a, "A", $link="https://evil.example", $sprite="x")').source).toBe(
      'C4Context\n  Person(a, "A")',
    );
  });

  it("takes url(), image-set(), @import and escaped CSS out of style, classDef and linkStyle, keeping the rest", () => {
    const { source, removed } = neutralizeDiagramSource(
      [
        "flowchart TD",
        "  A --> B",
        "  style A fill:url(/api/workflows?x),stroke:#333",
        "  classDef evil background:url( 'https://evil.example/a,b.png' )",
        "  classDef esc fill:\\75rl(x),color:red",
        "  linkStyle 0 stroke:#f00,stroke-width:2px",
        "  style B fill:image-set('x.png' 1x)",
      ].join("\n"),
    );
    expect(source.split("\n")).toEqual([
      "flowchart TD",
      "  A --> B",
      "  style A stroke:#333",
      "",
      "  classDef esc color:red",
      "  linkStyle 0 stroke:#f00,stroke-width:2px",
      "",
    ]);
    expect(removed.map((r) => [r.kind, r.line])).toEqual([
      ["style-url", 3],
      ["style-url", 4],
      ["style-url", 5],
      ["style-url", 7],
    ]);
  });

  it("treats mermaid entities in CSS as hidden characters (mermaid decodes them into the SVG it writes)", () => {
    const { source, removed } = neutralizeDiagramSource(
      'flowchart TD\n  A --> B\n  style A fill:u#114;l(/api/workflows?x),stroke:#333\n  classDef c color:&#114;ed,stroke-width:2px\n  A["x #59; y"] --> C #59; D',
    );
    expect(source.split("\n")).toEqual([
      "flowchart TD",
      "  A --> B",
      "  style A stroke:#333",
      "  classDef c stroke-width:2px",
      '  A["x #59; y"] --> C #59; D',
    ]);
    expect(removed.map((r) => [r.kind, r.line])).toEqual([
      ["style-url", 3],
      ["style-url", 4],
    ]);
  });

  it("removes %%{init}%% directives (also multi-line and unterminated) and front-matter config, keeping a plain title", () => {
    const init = neutralizeDiagramSource('%%{init: {"securityLevel": "loose"}}%%\nflowchart TD\n  A --> B');
    expect(init.source).toBe("\nflowchart TD\n  A --> B");
    expect(init.removed).toEqual([{ kind: "config", line: 1 }]);
    const multi = neutralizeDiagramSource('flowchart TD\n%%{\n  init: {"htmlLabels": true}\n}%%\n  A --> B');
    expect(multi.source).toBe("flowchart TD\n\n\n\n  A --> B");
    expect(neutralizeDiagramSource("flowchart TD\n%%{init: {\n  A --> B").source).toBe("flowchart TD\n%% {init: {\n  A --> B");
    const front = neutralizeDiagramSource(
      "---\ntitle: Quotes\nconfig:\n  securityLevel: loose\n  flowchart:\n    htmlLabels: true\n---\nflowchart TD\n  A --> B",
    );
    expect(front.source).toBe('---\ntitle: "Quotes"\n---\n\n\n\n\nflowchart TD\n  A --> B');
    expect(front.source.split("\n")[8]).toBe("  A --> B");
    expect(front.removed).toEqual([{ kind: "config", line: 1 }]);
    expect(neutralizeDiagramSource("---\ntitle: Plain\n---\nflowchart TD\n  A --> B").removed).toEqual([]);
  });

  it("leaves an ordinary diagram byte for byte and tells the reader what went", () => {
    const plain =
      'flowchart TD\n  A["Start; go"] -->|yes| B{Pick}\n  %% a comment; with click inside\n  B --> C\n  class C done\n  classDef done fill:#0f0';
    expect(neutralizeDiagramSource(plain)).toEqual({ source: plain, removed: [] });
    expect(removedPartsNotice([])).toBeNull();
    expect(
      removedPartsNotice([
        { kind: "image", line: 2 },
        { kind: "image", line: 3 },
        { kind: "link", line: 3 },
      ]),
    ).toBe(
      'For safety the console left out 2 images, 1 link or click action (lines 2, 3). The rest of the diagram is drawn as written; "View source" shows the original.',
    );
    expect(
      removedPartsNotice([
        { kind: "style-url", line: 3 },
        { kind: "style-url", line: 4 },
        { kind: "link", line: 5 },
        { kind: "link", line: 6 },
        { kind: "config", line: 1 },
      ]),
    ).toBe(
      'For safety the console left out 2 styles that load a URL, 2 links or click actions, 1 configuration directive (lines 1, 3, 4, 5, 6). The rest of the diagram is drawn as written; "View source" shows the original.',
    );
  });
});
