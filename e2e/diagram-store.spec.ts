import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./support/roles";

// Diagrams laid out once are kept in the browser's IndexedDB (components/diagram/svg-store.ts):
// another tab of the same browser shows them without a mermaid layout, and whatever is read back
// from storage still passes the SVG sanitiser before it reaches the page.

test.use({ storageState: storageStatePath("viewer") });

/** Counts mermaid layouts in a page: each creates a scratch element `#dwf-diagram-N`. */
async function countLayouts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counter = window as unknown as { __layouts: number };
    counter.__layouts = 0;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node instanceof Element && node.id.startsWith("dwf-diagram-")) counter.__layouts += 1;
    }).observe(document, { childList: true, subtree: true });
  });
}
const layouts = (page: Page) => page.evaluate(() => (window as unknown as { __layouts: number }).__layouts);

async function openDigest(page: Page): Promise<void> {
  await page.goto("/workflows");
  await page.getByTestId("catalog-row-TENANT-quote-accepted-deposit").getByRole("link", { name: "quote-accepted-deposit" }).click();
  await expect(page.getByTestId("diagram-canvas").first().locator("svg")).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByTestId("diagram-error")).toHaveCount(0);
}

test("a second tab shows a diagram without laying it out again", async ({ context }) => {
  const first = await context.newPage();
  await countLayouts(first);
  await openDigest(first);
  expect(await layouts(first)).toBeGreaterThan(0);
  // The store is written after the first layout; wait until it holds the entry.
  await expect
    .poll(() =>
      first.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open("pegasus-console");
            open.onsuccess = () => {
              const count = open.result.transaction("diagram-svg").objectStore("diagram-svg").count();
              count.onsuccess = () => resolve(count.result);
            };
          }),
      ),
    )
    .toBeGreaterThan(0);

  const second = await context.newPage();
  await countLayouts(second);
  await openDigest(second);
  const nodes = await second.getByTestId("diagram-canvas").first().locator("g.node").count();
  expect(nodes).toBeGreaterThan(2);
  expect(await layouts(second)).toBe(0);
});

test("what comes back from storage is cleaned like a fresh render", async ({ context }) => {
  const page = await context.newPage();
  await openDigest(page);
  // Poison every stored entry with markup the sanitiser must remove (script, handler, external image).
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open("pegasus-console");
            open.onsuccess = () => {
              const store = open.result.transaction("diagram-svg", "readwrite").objectStore("diagram-svg");
              const all = store.getAll();
              all.onsuccess = () => {
                for (const entry of all.result as Array<{ key: string; svg: string; at: number }>) {
                  const poisoned = entry.svg.replace(
                    /<svg([^>]*)>/,
                    '<svg$1 onload="window.__poisoned=1"><script>window.__poisoned=2</script><image href="http://evil.example/x.png" width="5" height="5"/><g class="node" id="poison"><text>still a picture</text></g>',
                  );
                  store.put({ ...entry, svg: poisoned });
                }
                resolve(all.result.length);
              };
            };
          }),
      ),
    )
    .toBeGreaterThan(0);
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(new URL(page.url()).origin)) outside.push(r.url());
  });
  await page.reload();
  const canvas = page.getByTestId("diagram-canvas").first();
  await expect(canvas.locator("svg")).toHaveCount(1, { timeout: 20_000 });
  await expect(canvas.locator("#poison, [id$='poison']")).toHaveCount(1);
  await expect(canvas.locator("script")).toHaveCount(0);
  await expect(canvas.locator("image")).toHaveCount(0);
  expect(await canvas.locator("svg").first().getAttribute("onload")).toBeNull();
  expect(await page.evaluate(() => (window as unknown as { __poisoned?: number }).__poisoned)).toBeUndefined();
  expect(outside).toEqual([]);
});
