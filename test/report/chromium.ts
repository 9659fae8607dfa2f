/**
 * One Debian Chromium per test file (playwright-core), with a fresh profile,
 * and a page that records console errors and page errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  /** A new page; `problems` collects console errors, page errors and failed requests. */
  page(): Promise<{ page: Page; problems: string[] }>;
  close(): Promise<void>;
}

export async function openBrowser(viewport = { width: 1280, height: 900 }): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'bcr-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport });
  return {
    context,
    async page() {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      return { page, problems };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Strings that run script if any layer forgets to escape them; each would set `window.__pwned`. */
export const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '</textarea></pre><svg onload="window.__pwned = \'svg\'"></svg>',
  'javascript:window.__pwned = "url"',
  '"><a href="javascript:window.__pwned=1">x</a>',
] as const;

export const PAYLOAD = PAYLOADS.join(' ');
