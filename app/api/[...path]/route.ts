import { BffRequestError, errorResponse } from "@/lib/api/errors";

// Any /api path no route serves: the one error envelope (404 NOT_FOUND) instead of Next's HTML
// not-found page, so API clients never have to parse a page. Auth.js and every real route are
// more specific segments and win over this catch-all.
function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(new BffRequestError(404, "NOT_FOUND", `No API route at ${pathname.slice(0, 200)}`), crypto.randomUUID());
}

export const dynamic = "force-dynamic";

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
