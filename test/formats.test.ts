import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ROOT, examples, rubric, runMain } from './helpers.js';
import { listRubric } from '../src/core/rubric/listing.js';

const out = (args: string[]) => {
  const r = runMain(args);
  expect(r.stderr).toBe('');
  return r.stdout;
};

describe('SARIF', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

  it.each(examples())('%s validates against the official SARIF 2.1.0 schema', (file) => {
    const log = JSON.parse(out(['--format', 'sarif', file]));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('describes every rule once and places every result on the questionnaire', () => {
    const log = JSON.parse(out(['--format', 'sarif', 'examples/no-standing-budget.yaml']));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(listRubric(rubric()).rules.map((r) => r.id));
    const gate = run.results.find((r: { ruleId: string }) => r.ruleId === 'no-appetite-for-standing-cost');
    expect(gate.level).toBe('error');
    expect(gate.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'examples/no-standing-budget.yaml', index: 0 }, region: { startLine: 28, startColumn: 26 } });
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(run.results.filter((r: { message: { text: string } }) => r.message.text.startsWith('Unanswered:')).length).toBeGreaterThan(0);
  });

  it('the schema check can fail: a result with an unknown level is rejected', () => {
    const log = JSON.parse(out(['--format', 'sarif', 'examples/minimal.yaml']));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('gives one run per file', () => {
    const log = JSON.parse(out(['--format', 'sarif', 'examples/minimal.yaml', 'examples/edge-only.yaml']));
    expect(log.runs.map((r: { artifacts: { location: { uri: string } }[] }) => r.artifacts[0]!.location.uri)).toEqual(['examples/minimal.yaml', 'examples/edge-only.yaml']);
    expect(validate(log)).toBe(true);
  });
});

describe('JUnit', () => {
  const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);

  it.each(examples())('%s is well-formed XML with a testcase per rule', (file) => {
    const xml = out(['--format', 'junit', file]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = parse(xml).testsuites.testsuite;
    expect(suite.testcase).toHaveLength(listRubric(rubric()).rules.length);
    expect(Number(suite.tests)).toBe(listRubric(rubric()).rules.length);
  });

  it('fails gates and blockers, skips what is unanswered', () => {
    const suite = parse(out(['--format', 'junit', 'examples/no-standing-budget.yaml'])).testsuites.testsuite;
    const byName = new Map(suite.testcase.map((c: { name: string }) => [c.name, c]));
    expect((byName.get('no-appetite-for-standing-cost') as { failure: { type: string } }).failure.type).toBe('gate');
    expect((byName.get('edge-routing-only') as { skipped: { message: string } }).skipped.message).toMatch(/unanswered: traffic.north_south_only/);
    expect(Number(suite.failures)).toBe(1);
  });

  it('gives one suite per file', () => {
    const xml = out(['--format', 'junit', 'examples/minimal.yaml', 'examples/acme-payments.yaml']);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parse(xml).testsuites.testsuite.map((s: { name: string }) => s.name)).toEqual(['examples/minimal.yaml', 'examples/acme-payments.yaml']);
  });
});

/** ::command key=value,key=value::message, with properties and message escaped as Actions expects. */
const WORKFLOW_COMMAND = /^::(error|warning|notice) (file=[^,:\r\n]+)(,line=\d+)?(,col=\d+)?(,title=[^,:\r\n]*)?::[^\r\n]*$/;

describe('GitHub workflow commands', () => {
  it.each(examples())('%s: every line matches the workflow-command grammar', (file) => {
    const lines = out(['--format', 'github', file]).trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(WORKFLOW_COMMAND);
  });

  it('escapes what would break a command', () => {
    const text = out(['--format', 'github', 'examples/no-standing-budget.yaml']);
    expect(text).toContain('title=mesh-assess%3A Cargoline Logistics::');
    expect(text).toMatch(/^::error file=examples\/no-standing-budget.yaml,line=28,col=26,title=no-appetite-for-standing-cost%3A /m);
  });
});

describe('markdown', () => {
  it.each(examples())('%s: leads with the verdict and keeps its tables whole', (file) => {
    const md = out(['--format', 'markdown', file]);
    expect(md.split('\n')[2]).toMatch(/^\*\*(ADOPT|DEFER|ALTERNATIVE): /);
    for (const row of md.split('\n').filter((l) => l.startsWith('|'))) expect(row.endsWith('|')).toBe(true);
  });

  it.each(examples())('%s: the short report first, the full one folded below it; --detail opens it all', (file) => {
    const md = out(['--format', 'markdown', file]);
    const [short, folded] = md.split('\n<details>\n');
    expect(folded).toMatch(/^<summary>Full report: [^<]+<\/summary>\n\n### /);
    expect(folded!.trimEnd().endsWith('</details>')).toBe(true);
    expect(short).toMatch(/^### Why/m);
    expect(short).not.toMatch(/How it was scored/);
    expect(folded).toMatch(/^### How it was scored: every rule that fired$/m);
    const full = out(['--format', 'markdown', '--detail', file]);
    expect(full).not.toContain('<details>');
    // Everything folded away is there, open.
    expect(full).toContain(folded!.slice(folded!.indexOf('### '), folded!.lastIndexOf('</details>')).trim());
  });

  it('keeps an answer from closing the folded block', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-md-'));
    const file = join(dir, 'q.yaml');
    writeFileSync(file, readFileSync('examples/acme-payments.yaml', 'utf8').replace(/name: .*/, 'name: "</details><details open>"'));
    const md = out(['--format', 'markdown', file]);
    expect(md.match(/<\/details>/g)).toHaveLength(1);
    expect(md).toContain('&lt;/details>&lt;details open>');
  });

  it('puts a portfolio table first for several files', () => {
    const md = out(['--format', 'markdown', ...examples()]);
    expect(md.startsWith('# mesh-assess portfolio\n')).toBe(true);
    expect(md.match(/^## mesh-assess: /gm)).toHaveLength(examples().length);
  });
});
