"use client";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Compartment, EditorState, type Text } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";
import type { EditorIssue, JumpRequest } from "./types";

/** Props of the CodeMirror editor; `JsonEditor` loads this module on demand. */
export interface CodeEditorProps {
  value: string;
  onChange: (next: string) => void;
  labelId: string;
  describedBy?: string;
  issues: EditorIssue[];
  jump: JumpRequest | null;
  rows: number;
  readOnly: boolean;
}

const LINE_HEIGHT = 20;

// Colors come from the surrounding Tailwind classes (light and dark); CodeMirror keeps layout only.
const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "12px", backgroundColor: "transparent", color: "inherit" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--font-mono, ui-monospace, SFMono-Regular, Menlo, monospace)", lineHeight: `${LINE_HEIGHT}px` },
  ".cm-gutters": { backgroundColor: "transparent", borderRight: "1px solid rgb(148 163 184 / 0.3)", color: "rgb(100 116 139)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "rgb(148 163 184 / 0.12)" },
  ".cm-cursor": { borderLeftColor: "currentColor" },
});

/** Marks for the issues: the exact range when known, else the whole line; positions clamp to the document. */
function diagnosticsFor(doc: Text, issues: EditorIssue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    let from: number;
    let to: number;
    if (issue.from !== undefined && issue.to !== undefined) {
      from = Math.min(issue.from, doc.length);
      to = Math.min(Math.max(issue.to, from), doc.length);
    } else if (issue.line !== null) {
      const line = doc.line(Math.min(Math.max(1, issue.line), doc.lines));
      from = line.from;
      to = line.to;
    } else continue;
    out.push({ from, to, severity: "error", message: issue.message });
  }
  return out;
}

function contentAttributes(labelId: string, describedBy: string | undefined, invalid: boolean): Record<string, string> {
  const attrs: Record<string, string> = { "aria-labelledby": labelId, "aria-invalid": String(invalid) };
  if (describedBy) attrs["aria-describedby"] = describedBy;
  return attrs;
}

/**
 * A CodeMirror 6 JSON editor owning one EditorView: line numbers, JSON highlighting, problems as
 * lint marks, jump-to-line. Tab indents (indentWithTab); Escape then Tab leaves the editor, and
 * Ctrl-M (Alt-Shift-M on macOS) toggles Tab between indenting and moving focus.
 */
export default function CodeEditor({ value, onChange, labelId, describedBy, issues, jump, rows, readOnly }: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const editable = useRef(new Compartment());
  const attributes = useRef(new Compartment());
  // The first values only seed the view; later ones arrive through the effects below.
  const initial = useRef({ value, labelId, describedBy, invalid: issues.length > 0, readOnly });

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const seed = initial.current;
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: seed.value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          json(),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorState.tabSize.of(2),
          theme,
          editable.current.of([EditorState.readOnly.of(seed.readOnly), EditorView.editable.of(!seed.readOnly)]),
          attributes.current.of(EditorView.contentAttributes.of(contentAttributes(seed.labelId, seed.describedBy, seed.invalid))),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  // Outside changes (upload, discard, restore) replace the document; our own edits already match.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const current = view.state.doc.toString();
    if (current !== value) view.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch(setDiagnostics(view.state, diagnosticsFor(view.state.doc, issues)));
  }, [issues, value]);

  const invalid = issues.length > 0;
  useEffect(() => {
    viewRef.current?.dispatch({
      effects: [
        editable.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
        attributes.current.reconfigure(EditorView.contentAttributes.of(contentAttributes(labelId, describedBy, invalid))),
      ],
    });
  }, [readOnly, labelId, describedBy, invalid]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !jump) return;
    const doc = view.state.doc;
    const line = doc.line(Math.min(Math.max(1, jump.line), doc.lines));
    view.dispatch({ selection: { anchor: line.from, head: line.to }, effects: EditorView.scrollIntoView(line.from, { y: "center" }) });
    view.focus();
  }, [jump]);

  return <div ref={hostRef} className="h-full" style={{ height: `${rows * LINE_HEIGHT + 16}px` }} />;
}
