"use client";
import { useEffect, useState } from "react";

/** The current time, re-read every second while `ticking` (durations of open runs tick). */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [ticking]);
  return now;
}

/** "12 s ago" / "in 4 s" relative to `now`. */
export function relative(iso: string | null, now: number): string {
  if (!iso) return "—";
  const ms = Date.parse(iso) - now;
  if (Number.isNaN(ms)) return "—";
  const abs = Math.abs(ms);
  const text = abs < 1000 ? "0 s" : abs < 60_000 ? `${Math.floor(abs / 1000)} s` : abs < 3_600_000 ? `${Math.floor(abs / 60_000)} min ${Math.floor((abs % 60_000) / 1000)} s` : `${Math.floor(abs / 3_600_000)} h ${Math.floor((abs % 3_600_000) / 60_000)} min`;
  return ms <= 0 ? `${text} ago` : `in ${text}`;
}
