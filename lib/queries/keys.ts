/** Hierarchical query keys: invalidating a prefix invalidates everything below it. */
export const queryKeys = {
  me: {
    all: ["me"] as const,
    permissions: () => [...queryKeys.me.all, "permissions"] as const,
  },
  workflows: {
    all: ["workflows"] as const,
    list: () => [...queryKeys.workflows.all, "list"] as const,
    detail: (workflowId: string) => [...queryKeys.workflows.all, "detail", workflowId] as const,
  },
  usage: {
    all: ["usage"] as const,
    /** `year` undefined is the current term, as the API reads it. */
    summary: (year: number | undefined) => [...queryKeys.usage.all, "summary", year ?? "current"] as const,
  },
};
