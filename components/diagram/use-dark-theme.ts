"use client";
import { useEffect, useState } from "react";

const isDark = () => typeof document !== "undefined" && document.documentElement.classList.contains("dark");

/**
 * Whether the page is in the dark theme (the `dark` class on <html>), following changes. The first
 * client render already reads the class, so a dark page never draws its diagram in the light theme
 * first (a wasted layout of seconds for a large flowchart). Only drawing depends on it, never markup,
 * so the server's guess cannot cause a hydration mismatch.
 */
export function useDarkTheme(): boolean {
  const [dark, setDark] = useState(isDark);
  useEffect(() => {
    const html = document.documentElement;
    const read = () => setDark(html.classList.contains("dark"));
    read();
    const observer = new MutationObserver(read);
    observer.observe(html, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return dark;
}
