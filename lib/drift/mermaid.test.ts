import { describe, expect, it } from "vitest";
import { manifestSchema } from "@/lib/schemas/workflow";
import { cleanLabel, detectDrift, parseMermaidFlowchart } from "./index";

function wf(diagram: string | null) {
  return { manifest: manifestSchema.parse({ name: "x", version: "1.0.0", entryPoints: ["m:W"], diagram }) };
}

describe("parseMermaidFlowchart", () => {
  it("reads every node shape, quoted labels and ids without labels", () => {
    const g = parseMermaidFlowchart(
      [
        "flowchart TD",
        "  A[Rect] --> B(Round)",
        "  B --> C{Decision?}",
        "  C --> D([Stadium])",
        "  D --> E[[Subroutine]]",
        "  E --> F>Flag]",
        '  F --> G["Quoted: with (parens) and [brackets]"]',
        "  G --> H((Circle))",
        "  H --> I{{Hexagon}}",
        "  I --> J[(Database)]",
        "  J --> K[/Parallelogram/]",
        "  K --> L[/Trapezoid\\]",
        "  L --> bare_node",
        '  M@{ shape: rect, label: "New syntax" }',
      ].join("\n"),
    );
    expect(g.nodes.map((n) => `${n.id}=${n.label}`)).toEqual([
      "A=Rect",
      "B=Round",
      "C=Decision?",
      "D=Stadium",
      "E=Subroutine",
      "F=Flag",
      "G=Quoted: with (parens) and [brackets]",
      "H=Circle",
      "I=Hexagon",
      "J=Database",
      "K=Parallelogram",
      "L=Trapezoid",
      "bare_node=bare_node",
      "M=New syntax",
    ]);
    expect(g.edges).toHaveLength(12);
  });

  it("reads edge labels in every form and ignores comments and styling", () => {
    const g = parseMermaidFlowchart(
      [
        "graph LR",
        "%% a comment with A[Fake node]",
        "  A[Start] -- yes, go --> B[Next] %% trailing comment",
        "  B -->|piped text| C[Third]",
        "  C -. dotted text .-> D[Fourth]",
        "  D == thick text ==> E[Fifth]",
        "  E -.-> F[Sixth]; F --- G[Seventh]",
        "  A & B --> H[Both]",
        "  classDef hot fill:#f00",
        "  class A hot",
        "  style B fill:#0f0",
        '  click C callback "Tooltip"',
        "  linkStyle 0 stroke:#333",
        "  subgraph S1 [Billing steps]",
        "    X[Inside]:::hot",
        "  end",
      ].join("\n"),
    );
    expect(g.nodes.map((n) => n.label)).toEqual(["Start", "Next", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Both", "Inside"]);
    expect(g.edges.map((e) => `${e.from}>${e.to}:${e.label ?? ""}`)).toEqual([
      "A>B:yes, go",
      "B>C:piped text",
      "C>D:dotted text",
      "D>E:thick text",
      "E>F:",
      "F>G:",
      "A>H:",
      "B>H:",
    ]);
    expect(g.subgraphTitles).toEqual(["Billing steps"]);
    expect(g.texts).not.toContain("Fake node");
  });

  it("handles chains, node lists and quoted edge labels", () => {
    const g = parseMermaidFlowchart('flowchart TD\nA --> B --> C & D\nC -- "above the limit" --> X["Fail"]');
    expect(g.edges.map((e) => `${e.from}>${e.to}`)).toEqual(["A>B", "B>C", "B>D", "C>X"]);
    expect(g.edges[3]?.label).toBe("above the limit");
  });

  it("reads one-line charts where the header shares the line", () => {
    const g = parseMermaidFlowchart("graph LR; A[Start]-->B[Send SMS]; B-->C");
    expect(g.nodes.map((n) => n.label)).toEqual(["Start", "Send SMS", "C"]);
    expect(g.edges).toHaveLength(2);
  });

  it("cleans label markup", () => {
    expect(cleanLabel('"Send #quot;hi#quot;<br/>to **customer**"')).toBe('Send "hi" to customer');
    expect(cleanLabel("`markdown` ")).toBe("markdown");
  });

  it("reads a 300-node chart near the 50,000-character cap quickly", () => {
    const lines = ["flowchart TD"];
    for (let i = 0; i < 300; i++) lines.push(`  N${i}["step_${i}: ${"do something useful ".repeat(6)}"] -->|next ${i}| N${i + 1}`);
    const source = lines.join("\n");
    expect(source.length).toBeLessThan(50_000);
    const started = performance.now();
    const g = parseMermaidFlowchart(source);
    const findings = detectDrift({ workflow: wf(source), activityTypesSeen: ["step_299"] });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(g.nodes).toHaveLength(301);
    expect(g.edges).toHaveLength(300);
    expect(findings.filter((f) => f.kind === "unnamed-activity")).toEqual([]);
  });

  it("never throws on garbage", () => {
    for (const s of ["", "flowchart", "A[unclosed", "-->", "A -- never closed", '"', "sequenceDiagram\nAlice->>Bob: hi"]) {
      expect(() => parseMermaidFlowchart(s)).not.toThrow();
    }
  });
});
