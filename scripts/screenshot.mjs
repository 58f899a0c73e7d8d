// The README's two pictures: the default terminal report of acme-payments, drawn as SVG from its
// coloured output (docs/report.svg, kept current by a test), and the HTML summary of one example
// rendered in Debian's Chromium (docs/summary.png). Run after a build: npm run screenshot [-- examples/FILE.yaml]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { reportSvg } from './terminal-svg.mjs';

writeFileSync('docs/report.svg', reportSvg('dist/mesh-assess.js', 'examples/acme-payments.yaml'));
console.log('docs/report.svg: the default report of examples/acme-payments.yaml');

const example = process.argv[2] ?? 'examples/acme-payments.yaml';
const html = execFileSync(process.execPath, ['dist/mesh-assess.js', 'summary', '--html', example], { encoding: 'utf8' });
const browser = await chromium.launch({
  executablePath: process.env.MESH_ASSESS_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // An A4 page's width at 96 dpi, so the picture looks like the printed page.
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 1 });
  await page.setContent(html, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  writeFileSync('docs/summary.png', await page.screenshot({ fullPage: true }));
  console.log(`docs/summary.png: the summary of ${example}`);
} finally {
  await browser.close();
}
