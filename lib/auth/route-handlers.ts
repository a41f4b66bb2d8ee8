import "server-only";
import type { NextRequest } from "next/server";
import { expectedOrigin } from "@/lib/api/origin";
import { handlers } from "./index";

type Handler = (req: NextRequest) => Promise<Response>;

/**
 * Next normalises 127.0.0.1 to `localhost` in the URL it gives route handlers (NextURL), while the
 * sign-in server action builds the OIDC redirect_uri from the Host header. The redirect_uri must be
 * identical at authorize and token time, so the Auth.js endpoints get a plain Request whose URL
 * carries the origin the browser used (X-Forwarded-* / Host). A plain Request, because wrapping
 * it in NextRequest would normalise the host again; Auth.js only reads url, method, headers, body.
 * Only without AUTH_URL: with it, Auth.js needs `nextUrl` and fixes the origin itself.
 */
function withBrowserOrigin(handler: Handler): Handler {
  return (req) => {
    // With AUTH_URL (a deployment behind https), Auth.js itself rewrites the origin from
    // `req.nextUrl`, and the sign-in action uses the same URL: hand it the NextRequest untouched.
    if (process.env.AUTH_URL ?? process.env.NEXTAUTH_URL) return handler(req);
    if (!req.headers.get("host")) return handler(req);
    // The same origin the CSRF check expects (forwarded headers count only with TRUST_PROXY).
    const origin = new URL(expectedOrigin(req.headers, req.url));
    const url = new URL(req.url);
    url.protocol = origin.protocol;
    url.host = origin.host;
    const plain = new Request(url, {
      method: req.method,
      headers: req.headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : req.body,
      // Node's fetch requires duplex for a streamed body.
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { duplex: "half" }),
    } as RequestInit);
    return handler(plain as NextRequest);
  };
}

export const GET = withBrowserOrigin(handlers.GET);
export const POST = withBrowserOrigin(handlers.POST);
