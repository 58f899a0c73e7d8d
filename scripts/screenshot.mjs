// The README's two pictures: the default terminal report of acme-payments, drawn as SVG from its
// coloured output (docs/report.svg, kept current by a test), and the HTML summary of one example
// rendered in Debian's Chromium (docs/summary.png). Run after a build: npm run screenshot [-- examples/FILE.yaml]
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { reportSvg } from './terminal-svg.mjs';

writeFileSync('docs/report.svg', reportSvg('dist/mesh-assess.js', 'examples/acme-payments.yaml'));
console.log('docs/report.svg: the default report of examples/acme-payments.yaml');

// Without a browser, or with one that will not start, one line says so (as the browser tests do)
// and the run fails with 2, the code for failed I/O; docs/report.svg is written already.
const fail = (message) => {
  console.error(`screenshot: ${message}; docs/summary.png is unchanged`);
  process.exit(2);
};
const chromiumPath = process.env.MESH_ASSESS_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) fail(`${chromiumPath} is missing; install it with: apt-get install chromium, or set MESH_ASSESS_CHROMIUM to a Chromium`);

const example = process.argv[2] ?? 'examples/acme-payments.yaml';
let html;
try {
  html = execFileSync(process.execPath, ['dist/mesh-assess.js', 'summary', '--html', example], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  fail(`mesh-assess summary --html ${example} failed: ${String(e.stderr ?? e.message).trim().split('\n')[0]}`);
}
const browser = await chromium
  .launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  .catch((e) => fail(`${chromiumPath} did not start: ${String(e.message).trim().split('\n')[0]}`));
try {
  // An A4 page's width at 96 dpi, so the picture looks like the printed page.
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 1 });
  await page.setContent(html, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  writeFileSync('docs/summary.png', await page.screenshot({ fullPage: true }));
  console.log(`docs/summary.png: the summary of ${example}`);
} catch (e) {
  await browser.close();
  fail(`the browser could not draw the page: ${String(e.message).trim().split('\n')[0]}`);
}
await browser.close();
