// Headless Chromium for end-to-end page tests: Debian's /usr/bin/chromium driven by playwright-core
// (playwright cannot download browsers here). A fresh profile per launch, removed on close.
// Off CI a machine without chromium skips the browser tests with a message; on CI they must run
// (.ci/run installs chromium), so a missing browser fails there instead of passing silently.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { chartFontFile } from "../../src/charts/font.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why the browser tests are skipped, or null when they run. */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM) || process.env.CI) return null;
  return `${CHROMIUM} not found — install it with \`apt-get install -y chromium\` to run the browser tests (they always run in CI)`;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "jx-chromium-"));
  // The machine may have no CJK font (Debian's chromium brings none): the npm one the charts use is
  // added to fontconfig for this browser only, so screenshots show Chinese, not boxes.
  const fonts = path.join(profile, "fonts.conf");
  writeFileSync(fonts, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${path.dirname(chartFontFile())}</dir><cachedir>${path.join(profile, "fc-cache")}</cachedir></fontconfig>`);
  const context = await chromium.launchPersistentContext(profile, {
    env: { ...process.env, FONTCONFIG_FILE: fonts },
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 760 },
    locale: "zh-CN",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Types `text` into the web chat's input and sends it (Enter), as a person would. */
export async function sayInWebChat(page: Page, text: string): Promise<void> {
  await page.fill("#input", text);
  await page.press("#input", "Enter");
}

/** Closes the browser, then the HTTP server (each if it was started): the tests' common teardown. */
export async function closeBrowserAndServer(browser: Browser | undefined, server: Server | undefined): Promise<void> {
  await browser?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
}
