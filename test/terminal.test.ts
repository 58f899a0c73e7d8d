import { describe, expect, it } from 'vitest';
import { usd, visible } from '../src/render/text.js';
import { runMain } from './helpers.js';

const report = (file: string) => runMain([`examples/${file}.yaml`]).stdout;
const headings = (text: string) => text.split('\n').filter((l) => /^[A-Z]/.test(l));

describe('the terminal report puts first what each verdict must say', () => {
  it.each([
    ['acme-payments', ['Recommended mesh (the least that meets the requirements)', 'Standing cost per year', 'Rollout, each phase reversible', 'Risks to manage', 'Production readiness (seed 002 §24)', 'Cheaper options weighed']],
    ['no-platform-team', ['Not yet: what has to be true (all together)', 'Meanwhile', 'When ready: the mesh to pick', 'Standing cost per year, once adopted']],
    ['startup-monolith', ['Use instead', 'A mesh becomes worth it when (all together)']],
  ])('%s', (file, expected) => {
    const found = headings(report(file));
    const at = expected.map((h) => found.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('keeps risks out of the reasons table and in their own section', () => {
    const text = report('streaming-latency');
    const table = text.slice(0, text.indexOf('└'));
    expect(table).not.toContain('latency-budget-tight');
    expect(text.slice(text.indexOf('Risks to manage'))).toContain('Tight latency budget per hop');
  });

  it('prints money and people as ranges with the assumptions', () => {
    const text = report('acme-payments');
    expect(text).toMatch(/compute\s+24-120 vCPU, 117\.2-234\.4 GiB \(2400 pods\)\s+\$13\.5k-\$52\.3k/);
    expect(text).toMatch(/people\s+0\.5-1 full-time engineers\s+\$100k-\$200k/);
    expect(text).toMatch(/licence\s+6 clusters; verify with the vendor\s+\$0-\$144k/);
    expect(text).toMatch(/total\s+a standing cost, every year\s+\$113\.5k-\$396\.3k/);
    expect(text).toMatch(/measure: Telemetry volume/);
    expect(text).toContain('* Compute at 0.04 USD per vCPU-hour');
  });

  it('says a per-node mesh with layer 4 features only puts no proxy on the path, rather than +0 ms', () => {
    const text = runMain(['examples/acme-payments.yaml', '--set', 'security.mandate=none', '--set', 'traffic.canary=none', '--set', 'traffic.header_routing=false']).stdout;
    expect(text).toMatch(/Cilium service mesh/);
    expect(text).toMatch(/latency\s+no proxy on the path for layer 4 only/);
    expect(text).not.toContain('+0 ms');
  });

  it('formats money for reading', () => {
    expect([usd(950), usd(13542), usd(1_250_000), usd(200000)]).toEqual(['$950', '$13.5k', '$1.3M', '$200k']);
  });
});

describe('the width of text on screen', () => {
  it.each([
    ['plain text', 'Acme Payments', 13],
    ['colour codes take no room', '\u001b[1m\u001b[32madopt\u001b[39m\u001b[22m', 5],
    ['an accented letter is one column', 'Zürich', 6],
    ['an emoji takes two columns, as terminals draw it', 'team \u{1f680}', 7],
    ['East Asian wide characters take two columns each', '\u65e5\u672c', 4],
    ['nothing', '', 0],
  ])('%s', (_what, text, width) => {
    expect(visible(text)).toBe(width);
  });
});
