/** Largest page of `GET /api/audit`. */
export const AUDIT_PAGE_MAX_ITEMS = 200;
