import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./support/roles";

// Diagrams laid out once are kept in the browser's IndexedDB (components/diagram/svg-store.ts):
// another tab of the same browser shows them without a mermaid layout, painted by the page's early
// script before React hydrates (components/diagram/early-paint.ts) or by React itself, and whatever
// is read back from storage passes the same SVG sanitiser on both paths before it reaches the page.

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

/** Holds the page's JavaScript bundles back, so React cannot hydrate until `release()`. */
async function holdBundles(page: Page): Promise<{ release: () => void }> {
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, async (route) => {
    await gate;
    await route.continue().catch(() => undefined);
  });
  return { release: () => release() };
}

/** Serves the workflow pages without the diagram's early scripts (head and viewport): only React can draw the diagram. */
async function withoutEarlyScript(page: Page): Promise<void> {
  await page.route(/\/workflows\/[^/?]+(\?.*)?$/, async (route) => {
    if (route.request().resourceType() !== "document") return route.continue();
    const response = await route.fetch();
    const body = (await response.text()).replace(/<script[^>]*data-diagram-(?:early|prefetch)[^>]*>[\s\S]*?<\/script>/g, "");
    await route.fulfill({ response, body });
  });
}

const marks = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).length, name);

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

// Markup the sanitiser must remove, including references hidden behind another prefix or namespace.
const POISON =
  '<svg$1 onload="window.__poisoned=1"><script>window.__poisoned=2</script><image href="http://evil.example/x.png" width="5" height="5"/>' +
  '<filter id="poison-filter"><feImage xmlns:x="http://www.w3.org/1999/xlink" x:href="http://evil.example/y.png"/></filter>' +
  '<h:style xmlns:h="http://www.w3.org/1999/xhtml">@import url(http://evil.example/z.css);</h:style>' +
  '<g class="node" id="poison" filter="url(#poison-filter)"><text>still a picture</text></g>';

/**
 * Stores a diagram, then puts markup the sanitiser must remove into every stored copy: the
 * IndexedDB entries and their localStorage mirror (quick-store.ts).
 */
async function poisonStore(page: Page): Promise<void> {
  await openDigest(page);
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("pegasus-console:diagram-svg:")).length))
    .toBeGreaterThan(0);
  await page.evaluate((poison) => {
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith("pegasus-console:diagram-svg:"))) {
      const entry = JSON.parse(localStorage.getItem(key) ?? "{}") as { svg: string };
      localStorage.setItem(key, JSON.stringify({ ...entry, svg: entry.svg.replace(/<svg([^>]*)>/, poison) }));
    }
  }, POISON);
  await expect
    .poll(() =>
      page.evaluate(
        (poison) =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open("pegasus-console");
            open.onsuccess = () => {
              const store = open.result.transaction("diagram-svg", "readwrite").objectStore("diagram-svg");
              const all = store.getAll();
              all.onsuccess = () => {
                for (const entry of all.result as Array<{ key: string; svg: string; at: number }>)
                  store.put({ ...entry, svg: entry.svg.replace(/<svg([^>]*)>/, poison) });
                resolve(all.result.length);
              };
            };
          }),
        POISON,
      ),
    )
    .toBeGreaterThan(0);
}

async function expectCleanPoisonedPicture(page: Page, outside: string[]): Promise<void> {
  const canvas = page.getByTestId("diagram-canvas").first();
  await expect(canvas.locator("svg")).toHaveCount(1, { timeout: 20_000 });
  await expect(canvas.locator("#poison, [id$='poison']")).toHaveCount(1);
  await expect(canvas.locator("script")).toHaveCount(0);
  await expect(canvas.locator("image")).toHaveCount(0);
  expect(await canvas.locator("svg").first().getAttribute("onload")).toBeNull();
  expect(await canvas.evaluate((el) => el.innerHTML.includes("evil.example"))).toBe(false);
  expect(await page.evaluate(() => (window as unknown as { __poisoned?: number }).__poisoned)).toBeUndefined();
  expect(outside).toEqual([]);
}

function watchOutside(page: Page): string[] {
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(new URL(page.url()).origin)) outside.push(r.url());
  });
  return outside;
}

test("a stored diagram is on screen before React hydrates the page", async ({ context }) => {
  const first = await context.newPage();
  await openDigest(first);
  await expect
    .poll(() =>
      first.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith("pegasus-console:diagram-pages"))
          .map((k) => localStorage.getItem(k))
          .join(""),
      ),
    )
    .toContain("/workflows/");
  const url = first.url();
  const errors: string[] = [];
  const second = await context.newPage();
  second.on("pageerror", (e) => errors.push(e.message));
  second.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  const held = await holdBundles(second);
  await second.goto(url, { waitUntil: "commit" });
  // Every node is there while no bundle has run: the early script drew it.
  const canvas = second.getByTestId("diagram-canvas").first();
  await expect.poll(() => canvas.locator("g.node").count(), { timeout: 20_000 }).toBeGreaterThan(2);
  expect(await marks(second, "diagram:page-hydrated")).toBe(0);
  expect(await marks(second, "diagram:early-painted")).toBe(1);
  // Visible and fitted to the viewport (the page streams in hidden behind its loading state first).
  await expect(canvas.locator("svg")).toBeVisible();
  await expect.poll(() => canvas.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe("translate(0px, 0px) scale(1)");
  const [box, frame] = await Promise.all([
    canvas.locator("svg").boundingBox(),
    second
      .getByRole("group", { name: /^Diagram of/ })
      .first()
      .boundingBox(),
  ]);
  expect(box && frame && box.x >= frame.x - 1 && box.x + box.width <= frame.x + frame.width + 1).toBe(true);
  // Once React runs it takes over that very picture: no second SVG, no hydration error, controls work.
  held.release();
  await expect.poll(() => marks(second, "diagram:early-adopted"), { timeout: 20_000 }).toBe(1);
  await expect(canvas.locator("svg")).toHaveCount(1);
  await expect(second.getByRole("button", { name: "Zoom in" }).first()).toBeEnabled();
  await expect(second.getByText("Drawing the diagram…")).toBeHidden();
  expect(errors).toEqual([]);
});

test("what comes back from storage is cleaned like a fresh render, by the head script (localStorage mirror)", async ({ context }) => {
  const page = await context.newPage();
  await poisonStore(page);
  const outside = watchOutside(page);
  const held = await holdBundles(page);
  await page.reload({ waitUntil: "commit" });
  await expectCleanPoisonedPicture(page, outside);
  expect(await marks(page, "diagram:prefetch-cleaned")).toBe(1);
  expect(await marks(page, "diagram:early-painted")).toBe(1);
  held.release();
});

test("what comes back from storage is cleaned like a fresh render, by the early script (IndexedDB)", async ({ context }) => {
  const page = await context.newPage();
  await poisonStore(page);
  // Without the mirror the early script reads IndexedDB and cleans the entry itself.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith("pegasus-console:diagram-svg:"))) localStorage.removeItem(key);
  });
  const outside = watchOutside(page);
  const held = await holdBundles(page);
  await page.reload({ waitUntil: "commit" });
  await expectCleanPoisonedPicture(page, outside);
  expect(await marks(page, "diagram:prefetch-cleaned")).toBe(0);
  expect(await marks(page, "diagram:early-cleaned")).toBe(1);
  held.release();
});

test("what comes back from storage is cleaned like a fresh render, by React", async ({ context }) => {
  const page = await context.newPage();
  await poisonStore(page);
  const outside = watchOutside(page);
  await withoutEarlyScript(page);
  await page.reload();
  await expectCleanPoisonedPicture(page, outside);
  expect(await marks(page, "diagram:early-painted")).toBe(0);
  expect(await marks(page, "diagram:store-hit")).toBe(1);
});
