// Auth.js endpoints (sign-in redirect, OIDC callback, session JSON without tokens, sign-out).
export { GET, POST } from "@/lib/auth/route-handlers";
