// A real Chromium for the console tests: the one @sparticuz/chromium ships in
// its npm package, driven by playwright-core (Playwright's own browser
// download cannot be had on these machines). One browser per test file, a
// fresh context (no storage, no history) per test; every page records what
// would fail a user: console errors, page errors, and any request that
// leaves for another origin.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { repoRoot } from '../../../emulator/repo-root';
import { stack } from '../support/stack';

export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught page errors, as text. */
  readonly errors: string[];
  /** URLs of requests to any origin but the api's. */
  readonly foreignRequests: string[];
}

/**
 * Of the package's Lambda-tuned arguments, those that would hide what the
 * tests check (web security off would let a CSP or same-origin fault pass) or
 * that kill the browser with its first closed context (--single-process).
 */
const LEFT_OUT_ARGS = new Set([
  '--single-process',
  '--disable-web-security',
  '--allow-running-insecure-content',
]);

export async function launchChromium(): Promise<Browser> {
  // require, not import(): jest runs CommonJS, and the package ships a CommonJS build beside its ESM one.
  const sparticuz = require('@sparticuz/chromium') as typeof import('@sparticuz/chromium');
  const chromium = sparticuz.default ?? sparticuz;
  const { chromium: playwright } = require('playwright-core') as typeof import('playwright-core');
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: chromium.args.filter((arg) => !LEFT_OUT_ARGS.has(arg)),
    headless: true,
  });
}

export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(stack().apiUrl).origin;
  page.on('console', (message) => {
    // Chromium logs each 4xx answer; those are the API's refusals, which the pages show as the API words them.
    if (message.type() === 'error' && !/^Failed to load resource: .* status of 4\d\d/.test(message.text()))
      errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== origin) foreignRequests.push(request.url());
  });
  // A destructive step asks first; the tests answer yes, as a user clicking OK.
  page.on('dialog', (dialog) => void dialog.accept());
  return { page, context, errors, foreignRequests };
}

/**
 * Waits for `text` within `scope`; when it does not come, fails with what the
 * scope shows instead (an API error, a busy label), so that a failure says why.
 */
export async function waitForShown(scope: Locator, text: string | RegExp, timeout = 30_000): Promise<void> {
  const started = Date.now();
  try {
    await scope.getByText(text).first().waitFor({ timeout });
  } catch (error) {
    const shown =
      (await scope.textContent({ timeout: 1_000 }).catch(() => null)) ?? '(nothing: the scope is gone)';
    throw new Error(
      `waited ${Date.now() - started} ms for ${String(text)}; it showed instead:\n${shown.slice(0, 2_000)}`,
      {
        cause: error,
      },
    );
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(repoRoot(), '.eventq', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The page as it is now at 1280 px and at a 390 px phone width
 * (`<name>-1280.png`, `<name>-390.png`), then back at the width it had.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await screenshot(page, `${name}-${viewport.width}`);
  }
  await page.setViewportSize(before);
}

let axeSource: string | undefined;

/**
 * The serious and critical violations axe-core finds on the page as it is now.
 * axe is evaluated through the DevTools protocol, which the page's CSP does
 * not govern, so the policy under test stays as strict as it is served.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}
