import "next-auth";

// The only user fields the console exposes to the browser (no tokens, ever).
declare module "next-auth" {
  interface User {
    tenantId?: string;
    tenantName?: string | null;
    roles?: string[];
  }
}
