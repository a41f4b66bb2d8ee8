/**
 * A secret value that can be read exactly once. Mutation state keeps its variables for a while;
 * holding the value in this wrapper means that state never carries it after the request is sent,
 * and serialising it (logs, devtools, persistence) shows nothing.
 */
export class OneTimeValue {
  #value: string | null;

  constructor(value: string) {
    this.#value = value;
  }

  /** Returns the value and forgets it; a second call throws. */
  take(): string {
    const value = this.#value;
    if (value === null) throw new Error("This secret value was already sent");
    this.#value = null;
    return value;
  }

  get isSpent(): boolean {
    return this.#value === null;
  }

  toJSON(): string {
    return "[secret value]";
  }

  toString(): string {
    return "[secret value]";
  }
}
