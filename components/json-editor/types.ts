/** A problem to show in the editor: at an exact text range when known, else against its line. */
export interface EditorIssue {
  line: number | null;
  message: string;
  from?: number;
  to?: number;
}

/** Ask the editor to move the caret to a line; a new `nonce` repeats the jump. */
export interface JumpRequest {
  line: number;
  nonce: number;
}
