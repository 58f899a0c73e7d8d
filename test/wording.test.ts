import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../src/core/rubric/load.js';
import { reportWidth } from '../src/cli/width.js';
import { fillTemplate } from '../src/core/rubric/reason-text.js';
import { visible } from '../src/render/text.js';
import { wrap } from '../src/render/terminal/wrap.js';
import { acme, variant, yamlOf } from './fixtures.js';
import { assessText, examples, rubricFiles, run, runMain } from './helpers.js';

/** Every text a run can print for a file: each format and the summary. */
function everyOutput(file: string): string {
  const formats = ['terminal', 'json', 'markdown', 'sarif', 'junit', 'github'];
  return [...formats.map((f) => runMain(['--format', f, file]).stdout), runMain(['summary', file]).stdout, runMain(['summary', '--html', file]).stdout].join('\n');
}

describe('counts and their nouns', () => {
  it('a rubric text says "1 language" and "2 languages", never "language(s)"', () => {
    const fill = (n: number) => fillTemplate('{services.count|service|services} in {services.language_count|language|languages}', { get: (p) => (p === 'services.count' ? n + 4 : n) });
    expect(fill(1)).toBe('5 services in 1 language');
    expect(fill(2)).toBe('6 services in 2 languages');
    expect(fillTemplate('{services.count|service|services}', { get: () => 1 })).toBe('1 service');
    expect(fillTemplate('{services.count|service|services}', { get: () => undefined })).toBe('services: not answered');
  });

  it('the rubric check refuses a noun given to an answer that is not a count', () => {
    const files = rubricFiles().map((f) => (f.name.endsWith('need.yaml') ? { ...f, text: f.text.replace('{services.count|service|services} today', '{services.architecture|service|services} today') } : f));
    const r = loadRubric(files);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.message).join('\n')).toMatch(/placeholder \{services\.architecture\|service\|services\} gives a noun for a count, but services\.architecture is one of/);
  });

  it.each(examples())('%s: no "(s)" in any output', (file) => {
    expect(everyOutput(file)).not.toMatch(/\w\(s\)/);
  });

  it('one service in one language, with one platform engineer and one open question, reads in the singular', () => {
    const data = variant(acme(), { 'services.count': 1, 'services.languages': ['go'], 'security.mandate': 'none', 'platform_team.engineers': 1 });
    const a = assessText(yamlOf(data));
    const text = JSON.stringify(a);
    expect(text).toMatch(/1 service in 1 language/);
    expect(text).toMatch(/1 service is a handful/);
    expect(text).toMatch(/1 platform engineer cannot carry/);
    expect(text).not.toMatch(/\b1 (services|languages|platform engineers)\b/);
  });
});

describe('a fleet between ten and twenty services', () => {
  it('is not said to be under the 10 to 20', () => {
    const a = assessText(yamlOf(variant(acme(), { 'services.count': 12 })));
    const reason = a.reasons.find((r) => r.rule === 'too-few-services');
    expect(reason?.message).toMatch(/^With 12 services the fleet is below the 20 or so at which a mesh's fixed cost starts to pay back/);
  });
});

describe('the risk of protocols layer 7 policy cannot read', () => {
  it('says which traffic it means, not that all of it is http, grpc and messaging', () => {
    const a = assessText(yamlOf(variant(acme(), { 'services.protocols': ['http', 'grpc', 'messaging'] })));
    const risk = a.risks.find((r) => r.rule === 'non-http-policy-gap');
    expect(risk?.message).toMatch(/^Some traffic is neither HTTP nor gRPC \(the protocols in use: http, grpc, messaging\); layer 7/);
    expect(risk?.message).not.toMatch(/Some traffic is http/);
  });
});

describe('the heading over the open questions', () => {
  it.each(examples())('%s: says they could change the verdict only when confidence is below high', (file) => {
    const a = JSON.parse(runMain(['--format', 'json', file]).stdout) as { confidence: string; unknowns: unknown[] };
    for (const text of [runMain([file]).stdout, runMain([file, '--detail']).stdout, runMain(['--format', 'markdown', file]).stdout, runMain(['--format', 'markdown', '--detail', file]).stdout]) {
      if (a.unknowns.length === 0) expect(text).not.toMatch(/Unanswered questions/);
      else if (a.confidence === 'high') {
        expect(text).toMatch(/Unanswered questions( \(\d+ of \d+\))?: answers to them would not change the verdict/);
        expect(text).not.toMatch(/could change/);
      } else expect(text).toMatch(/Unanswered questions that could change the verdict/);
    }
  });
});

describe('the portfolio table', () => {
  it('shows no mesh on an alternative row, and keeps its borders straight around a long mesh id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-wording-'));
    const gke = join(dir, 'gke.yaml');
    writeFileSync(gke, yamlOf(variant(acme(), { 'kubernetes.provider': 'gke', 'kubernetes.clusters': 1, 'platform_team.engineers': 1 })));
    const a = JSON.parse(runMain(['--format', 'json', gke]).stdout) as { verdict: string; recommendation: { mesh: string } };
    expect(a.recommendation.mesh).toBe('gcp-cloud-service-mesh');
    const text = runMain([gke, 'examples/startup-monolith.yaml']).stdout;
    const table = text.split('\n').filter((l) => /^[│┌├└]/.test(l));
    expect(new Set(table.map((l) => [...l].length)).size).toBe(1);
    expect(text).toMatch(/│ gcp-cloud-\s+│\n.*│ service-mesh\s+│/);
    const monolith = text.slice(text.indexOf('Brightpath Learning'));
    expect(monolith.split('\n')[0]).toMatch(/│ cheaper tools │$/);
  });
});

describe('the production readiness checklist', () => {
  it('explains its marks and lists every item, met ones too', () => {
    const text = runMain(['examples/acme-payments.yaml', '--detail']).stdout;
    const a = JSON.parse(runMain(['--format', 'json', 'examples/acme-payments.yaml']).stdout) as { checklist: { area: string; status: string }[] };
    const section = text.slice(text.indexOf('Production readiness'));
    expect(section).toMatch(/^ {2}\d+ met \(\+\), \d+ not met \(x\), \d+ unanswered \(\?\), \d+ to check by hand \(-\)$/m);
    const mark = { met: '+', 'not-met': 'x', unanswered: '?', 'check-by-hand': '-' } as Record<string, string>;
    for (const item of a.checklist) expect(section).toContain(`  ${mark[item.status]} ${item.area}: `);
    expect(a.checklist.some((i) => i.status === 'met')).toBe(true);
  });
});

describe('the summary on cost', () => {
  it.each(examples())('%s: names the mesh as what is run, and never "known with" a mesh', (file) => {
    const text = runMain(['summary', file]).stdout;
    expect(text).not.toMatch(/known with /);
    expect(text).not.toMatch(/starting with [A-Z]\w* (provider|managed)/);
    expect(text).toMatch(/(Running .+ is|A mesh here, .+, would be) a permanent line item, not a project: /);
  });
});

describe('the business case on the readiness checklist', () => {
  it('is met whenever the need for a mesh is, even with no mandate, no canary and few mesh-shaped incidents', () => {
    const data = variant(acme(), { 'security.mandate': 'nice-to-have', 'traffic.canary': 'wanted', 'incidents.causes.service_communication': 0, 'incidents.causes.certificates': 0, 'incidents.causes.release_traffic': 0 });
    const a = assessText(yamlOf(data));
    expect(a.scores.need).toBeGreaterThanOrEqual(a.scores.thresholds.need);
    expect(a.checklist.find((c) => c.id === 'business-case')?.status).toBe('met');
  });

  it('still reads its answers when the need is not met', () => {
    const a = assessText(readFileSync('examples/minimal.yaml', 'utf8'));
    expect(a.scores.need).toBeLessThan(a.scores.thresholds.need);
    const item = a.checklist.find((c) => c.id === 'business-case');
    if (item) expect(item.status).not.toBe('met');
  });
});

describe('display width', () => {
  it('a CJK, an emoji and a long unbroken organisation name keep the portfolio table aligned', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-width-'));
    const names = ['株式会社メッシュ評価テストカンパニー日本支社東京本部', 'Rocket 🚀 Mesh Co', 'A'.repeat(80), 'Café Zürich'];
    const files = names.map((name, i) => {
      const file = join(dir, `o${i}.yaml`);
      writeFileSync(file, yamlOf(variant(acme(), { 'org.name': name })));
      return file;
    });
    const text = runMain(files).stdout;
    const table = text.split('\n').filter((l) => /^[│┌├└]/.test(l));
    expect(new Set(table.map((l) => visible(l))).size).toBe(1);
    expect(table.every((l) => l.endsWith('│') || l.endsWith('┐') || l.endsWith('┤') || l.endsWith('┘'))).toBe(true);
    expect(text).toContain('株式会社');
  });

  it('counts wide characters as two columns and combining marks as none', () => {
    expect(visible('abc')).toBe(3);
    expect(visible('日本')).toBe(4);
    expect(visible('🚀')).toBe(2);
    expect(visible('e\u0301')).toBe(1);
    expect(visible('\u001b[1mbold\u001b[22m')).toBe(4);
  });

  it('wrap cuts a word wider than the line, by columns', () => {
    expect(wrap('日本語日本語日本語', 8)).toEqual(['日本語日', '本語日本', '語']);
    expect(wrap(`x ${'y'.repeat(25)}`, 10, '  ')).toEqual(['x yyyyyyyy', '  yyyyyyyy', '  yyyyyyyy', '  y']);
  });
});

describe('the report fits the terminal', () => {
  it('takes the width from the terminal, else COLUMNS, else 80, held to 60-120', () => {
    expect(reportWidth({}, undefined)).toBe(80);
    expect(reportWidth({ COLUMNS: '100' }, undefined)).toBe(100);
    expect(reportWidth({ COLUMNS: '100' }, 90)).toBe(90);
    expect(reportWidth({ COLUMNS: '40' }, undefined)).toBe(60);
    expect(reportWidth({}, 300)).toBe(120);
    expect(reportWidth({ COLUMNS: 'wide' }, undefined)).toBe(80);
    expect(reportWidth({ COLUMNS: '0' }, 0)).toBe(80);
  });

  const widest = (text: string) => Math.max(...text.split('\n').map((l) => visible(l)));
  const files = examples();
  it.each([...files.map((f) => [f, [f]] as const), ...files.map((f) => [`${f} --detail`, [f, '--detail']] as const), ['a portfolio of every example', files] as const])('%s: at COLUMNS=60 no line is wider than 60; at 120 the width is used', (_what, args) => {
    expect(widest(run([...args], { COLUMNS: '60' }).stdout)).toBeLessThanOrEqual(60);
    const wide = run([...args], { COLUMNS: '120' }).stdout;
    expect(widest(wide)).toBeLessThanOrEqual(120);
    expect(widest(wide)).toBeGreaterThan(100);
    expect(widest(run([...args], { COLUMNS: '' }).stdout)).toBeLessThanOrEqual(80);
  });
});
