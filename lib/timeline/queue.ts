// Small building blocks for groupSteps: the queue it pairs events with, and timestamp arithmetic.

/** A FIFO whose `peek` skips and drops dead items at the front: amortised O(1) per operation, as long as dead items never come back to life. */
export class FifoQueue<T> {
  private items: T[] = [];
  private head = 0;
  push(item: T): void {
    this.items.push(item);
  }
  /** The first item satisfying `live`, dropping dead ones from the front. */
  peek(live: (item: T) => boolean): T | undefined {
    while (this.head < this.items.length) {
      const item = this.items[this.head];
      if (item !== undefined && live(item)) return item;
      this.head++;
    }
    return undefined;
  }
}

/** Milliseconds between two ISO timestamps, or null when either is missing or unparsable. */
export function msBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isNaN(a) || Number.isNaN(b) ? null : b - a;
}
