// Pan and zoom of a rendered diagram as one affine transform (translate, then scale), kept pure
// so the bounds and the "zoom around the pointer" maths are unit-tested without a browser.

export interface ViewTransform {
  x: number;
  y: number;
  scale: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 8;
export const IDENTITY: ViewTransform = { x: 0, y: 0, scale: 1 };

/** The scale clamped to [MIN_SCALE, MAX_SCALE]; NaN and non-positive values fall back to 1. */
export function clampScale(scale: number): number {
  if (!Number.isFinite(scale) || scale <= 0) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/**
 * The transform that shows the whole content centred in the viewport, never enlarged past 100%.
 * Self-contained (no module constants or helpers; 0.1 is MIN_SCALE): the diagram's early-paint
 * script embeds this function's source text.
 */
export function fitToView(content: Size, viewport: Size, padding = 16): ViewTransform {
  if (content.width <= 0 || content.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return { x: 0, y: 0, scale: 1 };
  const availW = Math.max(1, viewport.width - 2 * padding);
  const availH = Math.max(1, viewport.height - 2 * padding);
  const fitted = Math.min(1, availW / content.width, availH / content.height);
  const scale = Number.isFinite(fitted) ? Math.max(0.1, fitted) : 1;
  return { scale, x: (viewport.width - content.width * scale) / 2, y: (viewport.height - content.height * scale) / 2 };
}

/** Zooms by `factor` keeping the viewport point `at` fixed on the same content point. */
export function zoomAt(t: ViewTransform, factor: number, at: { x: number; y: number }): ViewTransform {
  const scale = clampScale(t.scale * factor);
  const ratio = scale / t.scale;
  return { scale, x: at.x - (at.x - t.x) * ratio, y: at.y - (at.y - t.y) * ratio };
}

/** Moves the content by (dx, dy) viewport pixels. */
export function panBy(t: ViewTransform, dx: number, dy: number): ViewTransform {
  return { ...t, x: t.x + dx, y: t.y + dy };
}

/** CSS transform of the content layer. */
export function toCss(t: ViewTransform): string {
  return `translate(${t.x}px, ${t.y}px) scale(${t.scale})`;
}
