"use client";
import { useEffect } from "react";
import { clearQuick } from "./quick-store";
import { forgetStoredPages } from "./stored-pages";
import { SVG_STORE } from "./svg-store";

/**
 * Removes every diagram this browser kept for quick views (IndexedDB store, localStorage mirror,
 * the page list) once the user has signed out, so the next person at a shared browser does not
 * find the tenant's diagrams in it. Renders nothing.
 */
export function ForgetStoredDiagrams() {
  useEffect(() => {
    clearQuick();
    forgetStoredPages();
    try {
      indexedDB.deleteDatabase(SVG_STORE.db);
    } catch {
      // No IndexedDB: nothing was stored there.
    }
  }, []);
  return null;
}
