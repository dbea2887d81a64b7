import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { startPlayground as startPagePlayground } from "../../src/playground/playground.ts";
import { testLogger } from "../support/log-capture.ts";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Where the screenshot goes; `PLAYGROUND_SCREENSHOT=docs/playground.png` refreshes the README's. */
const SCREENSHOT = process.env.PLAYGROUND_SCREENSHOT ?? join(tmpdir(), "yiqi-playground.png");

interface Running {
  url: string;
  context: BrowserContext;
  stop(): Promise<void>;
}

/** `npm run playground` in-process (a fresh database, the demo data, the page server) and Debian's Chromium. */
async function startPlayground(locale: string): Promise<Running> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), "yiqi-playground-"));
  const playground = await startPagePlayground({
    databaseFile: join(dir, "playground.db"),
    logger: testLogger(),
    logLevel: "silent",
    port: 0,
  });
  const { url } = playground;
  const profile = join(dir, "profile");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    locale,
    viewport: { width: 1280, height: 800 },
  });
  return {
    url,
    context,
    async stop() {
      await context.close();
      await playground.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function choosePersona(page: Page, name: string) {
  const option = page.getByTestId("persona").locator("option", { hasText: name });
  await page.getByTestId("persona").selectOption((await option.getAttribute("value")) ?? "");
}

async function openChat(page: Page, title: string) {
  await page.getByTestId("chat").filter({ hasText: title }).click();
  await expect.poll(() => page.getByTestId("chat-title").textContent()).toBe(title);
}

describe("the playground in a real browser", () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it("a member signs up from /events, sees the toast and the count change in place, and a day later the reminder", async () => {
    running = await startPlayground("zh-CN");
    const page = await running.context.newPage();
    await page.goto(running.url);
    await expect.poll(() => page.locator("#hour").textContent()).toBe("⏩ 1 小时");

    await choosePersona(page, "李娜");
    await openChat(page, "宁波市阳光志愿者协会群");
    await page.getByTestId("composer").fill("/events");
    await page.getByTestId("composer").press("Enter");
    const list = page.getByTestId("messages");
    await list.getByRole("button", { name: /社区读书会/ }).click();
    // the list names the event too: wait for the card itself (the second message with its title and places)
    const cards = page.getByTestId("message").filter({ hasText: "0/12" }).filter({ hasText: "社区读书会" });
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const cardId = (await cards.last().getAttribute("data-id")) ?? "";
    const card = page.locator(`[data-testid=message][data-id="${cardId}"]`);

    await page.getByRole("button", { name: "✅ 报名" }).last().click();
    const toast = page.getByTestId("toast");
    await toast.waitFor({ state: "visible" });
    expect(await toast.textContent()).toMatch(/报名/);
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("1/12");
    expect(await page.getByTestId("message").filter({ hasText: "1/12" }).count()).toBe(1);

    await choosePersona(page, "Emma");
    await openChat(page, "宁波市阳光志愿者协会群");
    await page.getByTestId("travel-day").click();
    await expect
      .poll(() => page.getByTestId("message").filter({ hasText: "活动提醒" }).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  }, 120_000);

  it("follows an English browser for its own labels", async () => {
    running = await startPlayground("en-US");
    const page = await running.context.newPage();
    await page.goto(running.url);
    await expect.poll(() => page.locator("#day").textContent()).toBe("⏩ 1 day");
    expect(await page.getByTestId("composer").getAttribute("placeholder")).toContain("/events");
    await expect.poll(() => page.getByTestId("persona").textContent()).toContain("Emma · member");
  }, 60_000);
});
