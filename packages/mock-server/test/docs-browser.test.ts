// /docs as a person uses it, in a real browser: Debian's Chromium driven by playwright-core.
// It authorizes with client credentials against the sandbox's token endpoint, sets the tenant,
// runs "Try it out" on the people list, sees a 200 with data, and keeps a screenshot in
// test-results/. Where no Chromium is installed the test is skipped with one line (CI installs it).
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../src/index.js";
import { guideSpec } from "./helpers.js";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(chromiumPath);
const screenshotPath = fileURLToPath(new URL("../test-results/docs-try-it.png", import.meta.url));
if (!hasChromium) console.warn(`docs browser test skipped: no Chromium at ${chromiumPath} (apt-get install chromium)`);

describe.skipIf(!hasChromium)("/docs in Chromium", () => {
  let sandbox: MockServer;
  let browser: Browser;

  beforeAll(async () => {
    sandbox = await startMockServer({
      spec: guideSpec,
      stateful: true,
      clientId: "docs-client",
      clientSecret: "docs-secret",
    });
    // --no-sandbox: CI runs as root, where Chromium's own sandbox cannot start.
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it("authorizes with client credentials and gets a 200 with data from Try it out", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(`${sandbox.url}/docs`);
    await page.waitForSelector(".swagger-ui .info .title");

    await page.click("button.authorize");
    await page.fill("#client_id_clientCredentials", "docs-client");
    await page.fill("#client_secret_clientCredentials", "docs-secret");
    await page.click('button[aria-label="Apply given OAuth2 credentials"]');
    await page.waitForSelector('button[aria-label="Remove authorization"]');
    await page.fill("#api_key_value", "acme");
    await page.click('button[aria-label="Apply credentials"]');
    await page.click(".close-modal");

    const operation = page.locator("#operations-People-listPeople");
    await operation.locator(".opblock-summary").click();
    await operation.locator("button.execute").click();
    const status = operation.locator(".live-responses-table .response .response-col_status").first();
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe("200");
    const body = await operation.locator(".live-responses-table .response-col_description pre").first().textContent();
    expect(JSON.parse(body ?? "")).toMatchObject({
      data: expect.arrayContaining([expect.objectContaining({ firstName: "Jane" })]),
    });

    await mkdir(fileURLToPath(new URL("../test-results/", import.meta.url)), { recursive: true });
    await operation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath, fullPage: false });
  }, 60_000);
});
