"use client";
import { useState } from "react";
import { THEME_COOKIE, type Theme } from "@/lib/theme";
import { Button } from "@/components/ui/button";

/** Switches light/dark: flips the <html> class now and stores the choice in a cookie the server reads on the next render. */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  function toggle() {
    const next: Theme = theme === "dark" ? "light" : "dark";
    document.documentElement.classList.toggle("dark", next === "dark");
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    setTheme(next);
  }
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={toggle}
      aria-label={theme === "dark" ? "Switch to light theme" : "Switch to dark theme"}
      aria-pressed={theme === "dark"}
    >
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
      <span className="sr-only md:not-sr-only">{theme === "dark" ? "Light" : "Dark"}</span>
    </Button>
  );
}
