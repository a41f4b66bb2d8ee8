import "server-only";
import { BffRequestError } from "@/lib/api";
import type { SavedViewItem } from "./schemas";
import { SavedViewError, type SavedView } from "@/lib/store";

/** A stored view as the caller sees it: whether it is theirs and whether they may delete it. */
export function toSavedViewItem(view: SavedView, caller: { sub: string; isTenantAdmin: boolean }): SavedViewItem {
  const mine = view.ownerSub === caller.sub;
  return {
    id: view.id,
    name: view.name,
    query: view.query,
    shared: view.shared,
    ownerId: view.ownerSub,
    mine,
    canDelete: mine || (view.shared && caller.isTenantAdmin),
    isDefault: view.isDefault,
    createdAt: view.createdAt,
  };
}

const STATUS = {
  not_found: [404, "NOT_FOUND"],
  forbidden: [403, "FORBIDDEN"],
  duplicate: [409, "CONFLICT"],
  too_many: [409, "LIMIT_REACHED"],
} as const;

/** Runs a saved-view store call, turning its refusals into the BFF's 4xx envelope. */
export async function savedViewCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof SavedViewError) {
      const [status, code] = STATUS[error.reason];
      throw new BffRequestError(status, code, error.message);
    }
    throw error;
  }
}
