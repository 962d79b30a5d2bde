// The HTML report of the repository's last matrix run (REPORT.json), opened in Debian's
// Chromium through playwright-core: filtered by text, outcome and target, a failure opened.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from './paths.js';
import { toHtml } from './report-html.js';
import type { ReportData } from './report-json.js';
import { readSpec } from './spec.js';

const executablePath = '/usr/bin/chromium';
const available = existsSync(executablePath);
const reason = `Debian chromium is not installed at ${executablePath} (apt-get install chromium)`;
if (!available && process.env.CI) throw new Error(`${reason}: CI must install it`);

const root = packageRoot();
const data = JSON.parse(readFileSync(join(root, 'REPORT.json'), 'utf8')) as ReportData;
const ran = data.targets.filter((t) => t.status === 'ran');
const fails = (name: string) =>
  data.cases.filter((c) => ran.find((t) => t.name === name)?.outcomes?.[c.id] === 'fail');
// The target with the most failures: the one a reader of the report filters for.
const worst = [...ran].sort((a, b) => fails(b.name).length - fails(a.name).length)[0];
const artifacts = join(root, 'test-results');
const file = join(artifacts, 'report.html');

let browser: Browser | undefined;
let page: Page;
const requested: string[] = [];

const visibleRows = () => page.locator('tr.case:visible').count();

describe.skipIf(!available)(
  `the HTML report in a real browser${available ? '' : ` (skipped: ${reason})`}`,
  () => {
    beforeAll(async () => {
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(file, toHtml(data, { spec: readSpec(), specHref: '../../docs/spec.md' }));
      browser = await chromium.launch({
        executablePath,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(pathToFileURL(file).href);
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('shows every case with one cell per target, and fetches nothing', async () => {
      expect(await visibleRows()).toBe(data.cases.length);
      expect(await page.locator('thead th[data-target]').count()).toBe(ran.length);
      expect(await page.textContent('#shown')).toBe(
        `${data.cases.length} of ${data.cases.length} cases`,
      );
      expect(requested.filter((url) => !url.startsWith('file:'))).toEqual([]);
    });

    it('filters by text over ids, titles and rules', async () => {
      await page.fill('#filter-text', 'methods/405-allow');
      const expected = data.cases.filter((c) => c.id.includes('methods/405-allow')).length;
      expect(expected).toBeGreaterThan(1);
      await expect.poll(visibleRows).toBe(expected);
      await page.fill('#filter-text', '');
      await expect.poll(visibleRows).toBe(data.cases.length);
    });

    it('filters by outcome on one target, hiding the other columns', async () => {
      expect(worst, 'REPORT.json has a target that ran').toBeDefined();
      const name = worst?.name ?? '';
      await page.selectOption('#filter-target', name);
      await page.selectOption('#filter-outcome', 'fail');
      await expect.poll(visibleRows).toBe(fails(name).length);
      expect(await page.locator('thead th[data-target]:visible').count()).toBe(1);
      const shownIds = await page
        .locator('tr.case:visible td.id code')
        .evaluateAll((cells) => cells.map((cell) => cell.textContent));
      expect(shownIds).toEqual(fails(name).map((c) => c.id));
      // The filters are kept in the address: the same view opens again from it.
      const address = page.url();
      expect(new URL(address).hash).toBe(`#outcome=fail&target=${name}`);
      if (!browser) throw new Error('the browser did not start');
      const again = await browser.newPage();
      await again.goto(address);
      expect(await again.locator('tr.case:visible').count()).toBe(fails(name).length);
      expect(await again.inputValue('#filter-target')).toBe(name);
      await again.close();
    });

    it('opens a failure with what was expected and what came back, and its sources', async () => {
      const first = fails(worst?.name ?? '')[0];
      if (!first) return;
      const row = page.locator(`tr.case:visible`).first();
      await row.locator('.toggle').click();
      const details = page.locator('tr.details:visible').first();
      await expect.poll(() => details.isVisible()).toBe(true);
      const text = (await details.textContent()) ?? '';
      expect(text).toContain(`${worst?.name ?? ''}: FAIL`);
      expect(await details.locator('ul.sources li').count()).toBe(first.sources.length);
      const error = worst?.errors?.[first.id] ?? '';
      const parts = /^(?:[^:]+?: )?expected (.+?), got ([\s\S]+)$/.exec(error);
      // The case may fail on other targets too: read the worst target's own result.
      const heading = `${worst?.name ?? ''}: FAIL`;
      const result = details
        .locator('div.result')
        .filter({ has: page.locator('h4').getByText(heading, { exact: true }) });
      if (parts) {
        expect(await result.locator('code.expected').textContent()).toBe(parts[1]);
        expect(await result.locator('code.actual').textContent()).toBe(parts[2]);
      } else {
        expect(text).toContain(error);
      }
      await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: false });
    });

    it("links a case's rule to that rule's text in the page", async () => {
      await page.selectOption('#filter-outcome', '');
      await page.selectOption('#filter-target', '');
      await page.fill('#filter-text', 'methods/options-get-only');
      await expect.poll(visibleRows).toBe(1);
      await page.locator('tr.case:visible td.rule a').click();
      expect(new URL(page.url()).hash).toBe('#rule-methods');
      const section = page.locator('#rule-methods');
      expect(await section.isVisible()).toBe(true);
      expect(await section.textContent()).toContain('OPTIONS without an export');
    });
  },
);
