/** Cookie holding the chosen colour theme; read on the server so the first paint is already right. */
export const THEME_COOKIE = "theme";
export type Theme = "light" | "dark";

/** Parses the cookie value; anything unknown is light. */
export function parseTheme(value: string | undefined): Theme {
  return value === "dark" ? "dark" : "light";
}
