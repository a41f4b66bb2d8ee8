// Server start-up hook (Next): open and migrate the console's store before the first request, so
// the first sign-in does not wait for the embedded database to start. A failure is logged and the
// store is opened again on first use.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getStore } = await import("@/lib/store/instance");
  await getStore().catch(() => undefined);
}
