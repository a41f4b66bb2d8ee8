/** Builds the console's Content-Security-Policy for one request nonce. */
export function buildCsp(options: { nonce: string; isDev: boolean; formTargets: readonly string[] }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // strict-dynamic lets Next's nonce'd bootstrap load its chunks; no inline script runs without the nonce.
    "script-src": ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.isDev ? ["'unsafe-eval'"] : [])],
    // Inline style attributes (React, mermaid) are allowed; scripts are what CSP must stop.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(options.isDev ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    // Sign-in and sign-out forms redirect to the issuer; form-action also governs those redirects.
    "form-action": ["'self'", ...options.formTargets],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'", "blob:"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** A fresh base64 nonce (Web Crypto, works in every runtime). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
