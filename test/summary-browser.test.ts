import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, browserRequired, CHROMIUM, INSTALL, launch, pdfPages } from './browser.js';
import { examples, runMain } from './helpers.js';

const run = browserAvailable || browserRequired;
if (!run) console.warn(`summary-browser: skipped, ${CHROMIUM} is missing; install it with: ${INSTALL}`);

describe.skipIf(!run)(`the HTML summary in a real browser (needs ${CHROMIUM}: ${INSTALL})`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(examples())('%s: no console error, no request, the point in its quadrant, one A4 page', async (file) => {
    const html = runMain(['summary', '--html', file]).stdout;
    const verdict = (JSON.parse(runMain(['--format', 'json', file]).stdout) as { verdict: string }).verdict;
    const context = await browser.newContext();
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent(html, { waitUntil: 'load' });

    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    const chart = await box('svg.chart');
    expect(chart.width).toBeGreaterThan(200);
    const point = await box('[data-point="plotted"]');
    const area = await box(`[data-quadrant="${verdict}"]`);
    const cx = point.x + point.width / 2;
    const cy = point.y + point.height / 2;
    expect(cx).toBeGreaterThanOrEqual(area.x);
    expect(cx).toBeLessThanOrEqual(area.x + area.width);
    expect(cy).toBeGreaterThanOrEqual(area.y);
    expect(cy).toBeLessThanOrEqual(area.y + area.height);
    expect(await page.locator('svg.chart title').first().textContent()).toMatch(/^Where .+ stands/);

    expect(pdfPages(await page.pdf({ format: 'A4' }))).toBe(1);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await context.close();
  }, 30_000);
});
