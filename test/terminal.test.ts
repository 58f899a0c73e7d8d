import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { SHORT_REPORT_LINES, shortReport } from '../src/render/terminal/terminal-short.js';
import { usd, visible } from '../src/render/text.js';
import { clip, wrapList } from '../src/render/terminal/wrap.js';
import { questionnaire } from './arbitraries.js';
import { assessText, examples, json, run, runMain } from './helpers.js';

const report = (file: string) => runMain([`examples/${file}.yaml`, '--detail']).stdout;
const headings = (text: string) => text.split('\n').filter((l) => /^[A-Z]/.test(l));

describe('the short report: the verdict and what to do on one screen', () => {
  const lines = (args: string[], env: Record<string, string> = {}) => run(args, env).stdout.trimEnd().split('\n');

  it.each(examples())('%s: at most 60 lines at 80 columns, the verdict in the first 5, --detail named on the last', (file) => {
    const text = lines([file]);
    expect(text.length).toBeLessThanOrEqual(SHORT_REPORT_LINES);
    expect(text.slice(0, 5).join('\n')).toMatch(/^(ADOPT|DEFER|ALTERNATIVE) {2}/m);
    expect(text.at(-1)).toContain('--detail');
  });

  it.each(examples())('%s: at 60 and 120 columns too', (file) => {
    for (const columns of ['60', '120']) expect(lines([file], { COLUMNS: columns }).length).toBeLessThanOrEqual(SHORT_REPORT_LINES);
  });

  it.each(examples())('%s: three reasons at least, each naming its rule and the answers it read', (file) => {
    const a = json([file]);
    const text = run([file]).stdout;
    const why = text.slice(text.indexOf('\nWhy'), text.indexOf('\n\n', text.indexOf('\nWhy') + 1));
    const shown = a.reasons.filter((r) => why.includes(`${r.rule}:`));
    expect(shown.length).toBeGreaterThanOrEqual(3);
    // The first evidence of each reason shown is on screen with its line.
    for (const r of shown.filter((x) => x.evidence[0]?.line)) expect(why.replace(/\s+/g, ' ')).toContain(`${r.evidence[0]!.path}=`);
  });

  it.each([
    // High confidence: no answer to check would change it, so the facts that would have to differ come after why.
    ['acme-payments', ['Why', 'If these facts were different', 'Mesh ']],
    ['no-platform-team', ['Why', 'Not yet: what has to be true, all together', 'Meanwhile', 'Mesh then ']],
    ['no-standing-budget', ['Why', 'Not yet: what has to be true, all together', 'What else would change it', 'Meanwhile', 'If these facts were different', 'Mesh then ']],
    ['startup-monolith', ['Why', 'Use instead', 'A mesh becomes worth it when, all together', 'Cost ']],
  ])('%s: what the verdict owes the reader comes right after why', (file, expected) => {
    const found = run([`examples/${file}.yaml`]).stdout.split('\n').filter((l) => /^[A-Z]/.test(l));
    const at = expected.map((h) => found.findIndex((l) => l.startsWith(h)));
    expect(at.every((i) => i >= 0), found.join('\n')).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
  });

  it('never runs past 60 lines, whatever the answers', () => {
    fc.assert(
      fc.property(questionnaire, (q) => {
        const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-short-'));
        const file = join(dir, 'q.yaml');
        writeFileSync(file, JSON.stringify(q));
        const r = runMain([file]);
        if (r.code !== 0) return true;
        const text = r.stdout.trimEnd().split('\n');
        return text.length <= SHORT_REPORT_LINES && text.at(-1)!.includes('--detail');
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('keeps a long organisation name to two lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-short-'));
    const file = join(dir, 'q.yaml');
    writeFileSync(file, readFileSync('examples/no-platform-team.yaml', 'utf8').replace(/name: .*/, `name: ${'Northwind Bank of the Far North '.repeat(12)}`));
    const text = runMain([file]).stdout.trimEnd().split('\n');
    expect(text.length).toBeLessThanOrEqual(SHORT_REPORT_LINES);
    expect(text[1]).toMatch(/…$/);
    expect(text[2]).toMatch(/^rubrics built-in/);
    expect(text[4]).toMatch(/^DEFER/);
  });

  it('follows a portfolio table with each full report under --detail', () => {
    const files = ['examples/minimal.yaml', 'examples/acme-payments.yaml'];
    const table = run(files).stdout;
    expect(table).toContain('Each report in full: add --detail');
    expect(table).not.toContain('How it was scored');
    const all = run([...files, '--detail']).stdout;
    expect(all.startsWith(table.slice(0, table.indexOf('Each report')))).toBe(true);
    expect(all.match(/^How it was scored: every rule that fired$/gm)).toHaveLength(2);
    expect(all).toContain(run(['examples/acme-payments.yaml', '--detail']).stdout);
  });

  it('names every section it leaves out in the full report, which --detail prints', () => {
    const short = run(['examples/acme-payments.yaml']).stdout;
    const full = run(['examples/acme-payments.yaml', '--detail']).stdout;
    for (const heading of ['Rollout, each phase reversible', 'Production readiness', 'How it was scored: every rule that fired']) {
      expect(short).not.toContain(heading);
      expect(full).toContain(heading);
    }
  });
});

describe('the short report cuts text only between words, and --detail has it whole', () => {
  it.each(examples())('%s: at 60, 80 and 120 columns, the word before every "…" is a whole word of the full report', (file) => {
    const words = new Set(run([file, '--detail']).stdout.split(/\s+/));
    for (const columns of ['60', '80', '120']) {
      const cut = run([file], { COLUMNS: columns }).stdout.split('\n').filter((l) => l.endsWith(' …'));
      for (const line of cut) expect(words, `${columns} columns: ${line}`).toContain(line.slice(0, -2).trim().split(/\s+/).at(-1));
    }
  });

  it('clips at a word, and cuts a word only when one alone is too wide', () => {
    expect(clip(['one two three', 'four five six', 'seven'], 2, 13)).toEqual(['one two three', 'four five …']);
    expect(clip(['x', 'abcdefghijkl', 'y'], 2, 8)).toEqual(['x', 'abcdef …']);
  });

  it('lists whole items, and says how many it left out', () => {
    expect(wrapList(['Retries would stack', 'Proxies short of CPU or memory', 'Telemetry volume'], '; ', 1, 40, (n) => `; and ${n} more`)).toEqual(['Retries would stack; and 2 more']);
    expect(wrapList(['a', 'b'], '; ', 1, 40, () => '; …')).toEqual(['a; b']);
  });

  it('prints a derived share as the reason does, a percentage, in the terminal and Markdown; JSON keeps the number', () => {
    for (const args of [['--detail'], ['--format', 'markdown']]) {
      const text = run(['examples/acme-payments.yaml', ...args]).stdout;
      expect(text).toContain('incidents.mesh_addressable_share=50% (line 68)');
      expect(text).toContain('50% of the 32 incidents recorded');
      expect(text).not.toMatch(/_share=0\./);
    }
    const evidence = json(['examples/acme-payments.yaml']).reasons.flatMap((r) => r.evidence);
    expect(evidence.find((e) => e.path === 'incidents.mesh_addressable_share')?.value).toBe(0.5);
  });

  it('heads the gates to lift in plain words when no checked set of answers reaches adopt', () => {
    const a = assessText(readFileSync('examples/kubernetes-immature.yaml', 'utf8'));
    const pen = { c: new Chalk({ level: 0 }), width: 80 };
    const lines = shortReport({ ...a, toAdopt: [] }, pen);
    expect(lines).toContain('Not yet: lift these first');
    expect(lines.join('\n')).not.toMatch(/what has to be true these/);
    expect(shortReport(a, pen)).toContain('Not yet: what has to be true, all together');
  });
});

describe('the full report puts first what each verdict must say', () => {
  it.each([
    ['acme-payments', ['Recommended mesh (the least that meets the requirements)', 'Standing cost per year', 'Rollout, each phase reversible', 'Risks to manage', 'Production readiness', 'Cheaper options weighed']],
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
    const table = text.slice(text.indexOf('How it was scored'));
    expect(table).not.toContain('latency-budget-tight');
    expect(text.slice(text.indexOf('Risks to manage'), text.indexOf('How it was scored'))).toContain('Tight latency budget per hop');
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
    const text = runMain(['examples/acme-payments.yaml', '--detail', '--set', 'security.mandate=none', '--set', 'traffic.canary=none', '--set', 'traffic.header_routing=false']).stdout;
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
