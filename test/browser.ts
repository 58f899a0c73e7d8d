import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (or MESH_ASSESS_CHROMIUM): the tests use the system's browser, never a downloaded one. */
export const CHROMIUM = process.env.MESH_ASSESS_CHROMIUM ?? '/usr/bin/chromium';
export const INSTALL = 'apt-get install chromium';

/** .ci/run sets this, so that a missing browser fails the run instead of skipping the test. */
export const browserRequired = process.env.MESH_ASSESS_BROWSER_TEST === 'required';
export const browserAvailable = existsSync(CHROMIUM);

// Flags that keep Chromium from reaching out to the network on its own in a closed sandbox.
export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

/** Pages in a PDF, counted from its page objects. */
export const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
