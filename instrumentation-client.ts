// Runs in the browser before any of the app's modules. zod 4 probes `new Function` the first
// time an object schema is built, to decide whether it may compile parsers; our CSP has no
// 'unsafe-eval', so the probe is blocked and reported as a violation on every page. Jitless mode
// skips the probe (and the compiled parsers), so it must be set before any schema module runs.
type ZodGlobal = { __zod_globalConfig?: Record<string, unknown> };
const zodGlobal = globalThis as ZodGlobal;
zodGlobal.__zod_globalConfig = { ...zodGlobal.__zod_globalConfig, jitless: true };
