import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../src/core/text/dates.js';
import { VALUE_WORDS, fields } from '../src/core/questionnaire/fields.js';
import { summarize } from '../src/render/summary/summary.js';
import { acme, variant, yamlOf } from './fixtures.js';
import { assessText, examples, run, runMain } from './helpers.js';

const md = (file: string) => runMain(['summary', file]).stdout;
const words = (text: string) => text.split(/\s+/).filter((w) => /[A-Za-z0-9$]/.test(w)).length;
const summaryOf = (file: string) => summarize(assessText(readFileSync(file, 'utf8')));

describe('the leadership summary in Markdown', () => {
  it.each(examples())('%s: one page, the decision first, money, people and the cheaper option', async (file) => {
    const text = md(file);
    const verdict = assessText(readFileSync(file, 'utf8')).verdict;
    expect(words(text)).toBeLessThanOrEqual(650);
    const opening = text.split('\n').slice(0, 3).join('\n');
    expect(opening).toMatch({ adopt: /\*\*Adopt\.\*\* .+ should adopt a service mesh/, defer: /\*\*Defer: not yet\.\*\* .+ cannot own one yet/, alternative: /\*\*Alternative: use cheaper tools\.\*\* .+ should not run a service mesh/ }[verdict]);
    expect(opening).toMatch(/Confidence is (high|medium|low)/);
    expect(text).toMatch(/\$\d[\d.]*k to \$\d[\d.]*k/);
    expect(text).toMatch(/\d+(\.\d+)? to \d+(\.\d+)? engineers/);
    expect(text).toMatch(/^## (The cheaper option considered|Meanwhile: the cheaper option|What to use instead)\n\n- \*\*/m);
    if (verdict === 'defer') expect(text).toMatch(/^## What has to be true first\n\n- \[ \] /m);
    if (verdict === 'alternative') expect(text).toMatch(/^## When a mesh becomes worth it\n\n- /m);
    expect(text).toMatch(/^## First step and review$/m);
    await expect(text).toMatchFileSnapshot(`__snapshots__/summary/${basename(file, '.yaml')}.md`);
  });

  it('leads with the forcing function when there is one (seed 000 §8, §10)', () => {
    expect(summaryOf('examples/acme-payments.yaml').why[0]!.title).toBe('Fleet-wide encryption in transit is mandated');
  });

  it('puts the gate first when a gate decided it', () => {
    expect(summaryOf('examples/no-standing-budget.yaml').why[0]!.title).toBe('Leadership will not carry a standing cost');
  });

  it('dates the review from org.assessed_on, sooner for a "not yet"', () => {
    expect(summaryOf('examples/acme-payments.yaml').revisit).toContain('2027-05-01 (6 months after');
    expect(summaryOf('examples/no-standing-budget.yaml').revisit).toContain('2027-01-01 (3 months after');
    expect(summaryOf('examples/minimal.yaml').revisit).toBe('Look again 6 months after this assessment, or sooner if an answer changes.');
  });

  it('never states a seed 003 survey or benchmark figure', () => {
    for (const file of examples()) expect(md(file)).not.toMatch(/68\s?%|2\.3\s?x|140\+|Gartner|MTTR/i);
  });

  it('glosses the jargon it uses, saying where the picked mesh puts its proxies', () => {
    const text = md('examples/acme-payments.yaml');
    expect(text).toMatch(/\*Terms:\* .*\*\*mTLS\*\*: mutual TLS/);
    expect(text).toContain('**Service mesh**: a layer of proxies beside every service');
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-'));
    const perNode = join(dir, 'per-node.yaml');
    writeFileSync(perNode, yamlOf(variant(acme(), { 'security.mandate': 'none' })));
    const cilium = md(perNode);
    expect(cilium).toContain('with Cilium service mesh');
    expect(cilium).toContain('**Service mesh**: a layer of proxies on every machine');
  });

  it('says in the cost footnote which figures a source gives and which are the tool\'s estimates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-'));
    const file = join(dir, 'no-rates.yaml');
    writeFileSync(file, yamlOf(variant(acme(), { costs: undefined })));
    const footnote = md(file).split('\n').find((l) => l.startsWith('*How the cost is worked out:*'))!;
    expect(footnote).toContain('per pod (published)');
    expect(footnote).toContain("Rates and head count are the tool's estimates.");
    expect(footnote).toContain('Unanswered: the employee count.');
    expect(md('examples/acme-payments.yaml')).toContain('Head count is the tool\'s estimate.');
  });
});

describe('the summary names the verdict that the gate and the reports print', () => {
  // A leader comparing the summary with the CI gate or the PR comment sees the same word early on.
  it.each(examples())('%s: in Markdown and in the HTML page, within the first 400 characters read', (file) => {
    const verdict = assessText(readFileSync(file, 'utf8')).verdict;
    const word = new RegExp(`\\b${verdict}\\b`, 'i');
    expect(md(file).slice(0, 400)).toMatch(word);
    const html = runMain(['summary', '--html', file]).stdout;
    const read = html.replace(/<head>[\s\S]*<\/head>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    expect(read.slice(0, 400)).toMatch(word);
  });
});

describe('where the organisation is plotted', () => {
  it('at its scores when no gate caps the verdict', () => {
    const p = summaryOf('examples/acme-payments.yaml').position;
    expect(p.plotted).toEqual({ need: p.need, readiness: p.readiness });
    expect(p.cappedBy).toEqual([]);
  });

  it('pulled below the readiness threshold by a never-adopt gate', () => {
    const p = summaryOf('examples/no-standing-budget.yaml').position;
    expect(p.readiness).toBeGreaterThanOrEqual(p.thresholds.readiness);
    expect(p.plotted).toEqual({ need: p.need, readiness: p.thresholds.readiness - 1 });
    expect(p.cappedBy).toEqual(['Leadership will not carry a standing cost']);
  });

  it('pulled below the need threshold by an at-most-alternative gate', () => {
    const a = assessText(yamlOf(variant(acme(), { 'traffic.north_south_only': true })));
    const p = summarize(a).position;
    expect(a.verdict).toBe('alternative');
    expect(p.plotted.need).toBe(p.thresholds.need - 1);
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-01', 6, '2027-05-01'],
    ['2026-10-01', 3, '2027-01-01'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-12-15', 12, '2027-12-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('summary --output', () => {
  it('writes the page byte-identical to stdout, nothing on stdout', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mesh-assess-summary-')), 'summary.html');
    const viaFile = run(['summary', '--html', 'examples/edge-only.yaml', '--output', file]);
    expect(viaFile.code).toBe(0);
    expect(viaFile.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(run(['summary', '--html', 'examples/edge-only.yaml']).stdout);
  });
});

describe('the HTML page, without a browser', () => {
  it.each(examples())('%s is self-contained: no script, no external resource, accessible charts', (file) => {
    const html = runMain(['summary', '--html', file]).stdout;
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)|https?:\/\//i);
    expect(html.match(/<svg role="img" aria-labelledby=/g)!.length).toBeGreaterThanOrEqual(1);
    expect(html).toMatch(/<svg[^>]*>\n<title id="pos-title">/);
    expect(html).toContain('<h1>Service mesh decision: ');
  });
});

describe('the summary speaks to a leader: no questionnaire paths, codes or source numbers', () => {
  const CAUSE = 'incidents.causes';
  // Beside the examples: the largest other incident source named in a reason (bugs in business logic).
  const painElsewhere = ['examples/kubernetes-immature.yaml', ['--set', `${CAUSE}.application=30`, '--set', 'kubernetes.maturity=operational']] as const;
  const pages = (file: string, extra: readonly string[] = []) => {
    const html = runMain(['summary', '--html', ...extra, file]).stdout;
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    return [['markdown', runMain(['summary', ...extra, file]).stdout], ['html', text]] as const;
  };
  const codes = [...new Set([...fields().values()].flatMap((f) => f.options ?? []).concat(Object.keys(VALUE_WORDS['incidents.top_other_cause']!)))];
  const sections = [...new Set([...fields().keys()].map((p) => p.split('.')[0]!))];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

  function offences(text: string): string[] {
    const found: string[] = [];
    const path = new RegExp(`\\b(${sections.join('|')})\\.[a-z_]+`, 'g');
    found.push(...(text.match(path) ?? []));
    found.push(...(text.match(/seed \d+|§\s?\d+/gi) ?? []));
    for (const code of codes) {
      const c = escape(code);
      // A code where a value is reported: quoted as code, or after "=". A coded value with a
      // hyphen or underscore also where it ends a phrase ("retries: per-team."), and a cause that
      // has words of its own where it stands as the value ("the largest other source is
      // application,"). Plain words that read as English in place ("maturity is basic") pass.
      const coded = /[-_]/.test(code) ? `|\\b${c}(?=[.,;:)]|$)` : code in VALUE_WORDS['incidents.top_other_cause']! ? `|\\b(is|are|was|were|:) ${c}(?=[.,;:)]|$)` : '';
      const asValue = new RegExp(`\`${c}\`|=${c}\\b${coded}`, 'gm');
      found.push(...(text.match(asValue) ?? []));
    }
    return found;
  }

  it('the scan catches each kind of offence', () => {
    expect(offences('the largest other source is application, which; traffic.north_south_only answered; seed 001; §5; retries: per-team.')).toEqual(
      expect.arrayContaining(['traffic.north_south_only', 'seed 001', '§5', 'is application', 'per-team']),
    );
    expect(offences('per-team upkeep, default-deny per namespace; encryption is required across the fleet.')).toEqual([]);
  });

  it.each([...examples().map((f) => [f, []] as const), painElsewhere])('%s %j: in Markdown and HTML', (file, extra) => {
    for (const [format, text] of pages(file, extra)) expect(offences(text), format).toEqual([]);
  });

  it('names the largest other incident source in words', () => {
    const [[, text]] = pages(...painElsewhere);
    expect(text).toContain('the largest other source is bugs in business logic');
  });

  it('says what low confidence means, naming the question in words', () => {
    expect(md('examples/no-standing-budget.yaml')).toMatch(/Confidence is low: one or two answers could change this decision; answering yes to "Is the only routing need at the edge \(ingress\)\?" could make it alternative\./);
  });
});

describe('the first step of a defer is the first thing that has to be true', () => {
  const variants = [
    ...examples().map((f) => assessText(readFileSync(f, 'utf8'))).filter((a) => a.verdict === 'defer'),
    assessText(readFileSync('examples/kubernetes-immature.yaml', 'utf8'), [{ path: 'incidents.causes.database', value: '30' }, { path: 'kubernetes.maturity', value: 'operational' }]),
  ];
  it.each(variants.map((a) => [a.org, a]))('%s, with the checked plan and without one', (_org, a) => {
    for (const x of [a, { ...a, toAdopt: [] }]) {
      const s = summarize(x);
      expect(s.conditions.length).toBeGreaterThan(0);
      expect(s.firstStep).toBe(s.conditions[0]);
    }
    // Without a plan, the blockers' remedies: the first step is never a cheaper tool's.
    const bare = summarize({ ...a, toAdopt: [] });
    expect(bare.firstStep).not.toMatch(/^First, for /);
  });
});

describe('the HTML cost chart', () => {
  const bars = (html: string) => Object.fromEntries([...html.matchAll(/data-bar="(\w+)" data-usd="([\d.]+) ([\d.]+)"/g)].map((m) => [m[1]!, [Number(m[2]), Number(m[3])]]));
  it.each(examples())('%s: every component drawn, the parts add up to the total, the licence caveat kept', (file) => {
    const html = runMain(['summary', '--html', file]).stdout;
    const s = summaryOf(file);
    const chart = html.slice(html.indexOf('<title id="cost-title">'), html.indexOf('</svg>', html.indexOf('cost-title')));
    for (const part of ['people', 'compute', 'licence', 'total']) expect(chart).toMatch(new RegExp(`data-(bar|open)="${part}"`));
    const b = bars(chart);
    if (b.total) {
      const parts = ['people', 'compute', 'licence'].filter((p) => b[p]);
      for (const end of [0, 1]) expect(parts.reduce((n, p) => n + b[p]![end]!, 0)).toBeCloseTo(b.total[end]!, 0);
      if (!b.licence) expect(chart).toContain('without the licence');
    }
    if (s.cost?.licenceCharge === 'per-unit' && s.cost.licence) {
      expect(chart).toContain('verify with the vendor');
      expect(md(file)).toMatch(/of licences \([^)]*verify with the vendor\)/);
    }
  });
});
