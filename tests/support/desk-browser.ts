import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where the Desk's browser tests write the screenshots the README shows. */
export const SCREENSHOTS = join(process.cwd(), 'docs/screenshots');

/**
 * Debian's Chromium (playwright-core cannot download a browser here), headless.
 * Without the background-networking flags Chromium keeps calling hosts the
 * closed network refuses; CHROMIUM_PATH points elsewhere when needed.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    tracesDir: await mkdtemp(join(tmpdir(), 'desk-traces-')),
  });
}

/** Collects the page's console errors and uncaught exceptions into `errors`, for a test to fail on the unexpected ones. */
export function recordConsoleErrors(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
}
