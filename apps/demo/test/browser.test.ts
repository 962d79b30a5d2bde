// Drives Debian's Chromium through playwright-core against the demo served by `approute start`.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDir, startArgs, startDemo, type DemoServer } from './server.js';

const executablePath = '/usr/bin/chromium';
const available = existsSync(executablePath);
// CI installs Debian's chromium (.ci/run); a developer machine without it skips with this reason.
const reason = `Debian chromium is not installed at ${executablePath} (apt-get install chromium)`;
if (!available && process.env.CI) throw new Error(`${reason}: CI must install it`);

let dataDir: string;
let server: DemoServer;
let browser: Browser | undefined;
let page: Page;

describe.skipIf(!available)(
  `the demo page in a real browser${available ? '' : ` (skipped: ${reason})`}`,
  () => {
    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'approute-demo-'));
      server = await startDemo(startArgs, dataDir);
      browser = await chromium.launch({
        executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    });

    afterAll(async () => {
      await browser?.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('loads the page and shows the teams from the API', async () => {
      await page.goto(server.url);
      await expect.poll(() => page.textContent('#teams')).toContain('Platform');
    });

    it('keeps the theme preference in the browser cookie jar across a reload', async () => {
      await page.click('#theme-dark');
      await expect.poll(() => page.textContent('#theme-value')).toBe('dark');
      const cookies = await page.context().cookies(server.url);
      expect(cookies.find((c) => c.name === 'theme')?.value).toBe('dark');
      await page.reload();
      await expect.poll(() => page.textContent('#theme-value')).toBe('dark');
      expect(await page.evaluate(() => document.body.classList.contains('dark'))).toBe(true);
    });

    it('renders the server-sent events one by one as they arrive', async () => {
      await page.click('#feed-start');
      const seen = new Set<number>();
      await expect
        .poll(
          async () => {
            const count = await page.locator('#feed li').count();
            seen.add(count);
            return count;
          },
          { timeout: 10_000, interval: 50 },
        )
        .toBe(6);
      // Incremental: the list was seen part-filled on the way to six items.
      expect([...seen].some((n) => n > 0 && n < 6)).toBe(true);
      await expect.poll(() => page.textContent('#feed-state')).toBe('done');
    });

    it('shows validation errors and creates a team through the JSON API', async () => {
      await page.fill('input[name=name]', '');
      await page.click('#team-create');
      await expect
        .poll(() => page.textContent('#team-result'))
        .toContain('"name" must be a non-empty string');
      await page.fill('input[name=name]', 'Browser team');
      await page.click('#team-create');
      await expect.poll(() => page.textContent('#teams')).toContain('Browser team');
    });

    it('posts the contact form and follows the 303 back to the page', async () => {
      await page.fill('input[name=email]', 'c@example.com');
      await page.fill('input[name=text]', 'sent from chromium');
      await Promise.all([page.waitForURL(/\?sent=1$/), page.click('#message-send')]);
      expect(await page.textContent('#message-result')).toBe('Message 1 sent.');
    });

    it('signs in through the page: the proxy lets /api/private/me through only with the cookie', async () => {
      await page.click('#private-call');
      await expect.poll(() => page.textContent('#private')).toContain('401');
      await page.fill('#user-name', 'Chromium');
      await page.click('#sign-in');
      await expect.poll(() => page.textContent('#private')).toContain('"user": "Chromium"');
      const cookies = await page.context().cookies(server.url);
      expect(cookies.find((c) => c.name === 'session')?.httpOnly).toBe(true);
      await page.click('#private-call');
      await expect.poll(() => page.textContent('#private')).toContain('"signedIn": true');
      await page.click('#sign-out');
      await expect.poll(() => page.textContent('#private')).toBe('204 ');
      await page.click('#private-call');
      await expect.poll(() => page.textContent('#private')).toContain('401');
    });

    it('saves a screenshot as a test artifact', async () => {
      await page.click('#team-lookup');
      await expect.poll(() => page.textContent('#team')).toContain('Platform');
      const dir = join(demoDir, 'test-results');
      await mkdir(dir, { recursive: true });
      const file = join(dir, 'demo.png');
      await page.screenshot({ path: file, fullPage: true });
      expect(existsSync(file)).toBe(true);
    });
  },
);
