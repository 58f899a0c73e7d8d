import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ROOT, examples, json, rubric, runMain } from './helpers.js';
import { ruleDocs } from '../src/core/rubric/explain.js';
import { listRubric } from '../src/core/rubric/listing.js';

/** sarif-multitool's executable, when installed (.ci/run installs it and names it here). */
const MULTITOOL = process.env.MESH_ASSESS_SARIF_MULTITOOL && existsSync(process.env.MESH_ASSESS_SARIF_MULTITOOL) ? process.env.MESH_ASSESS_SARIF_MULTITOOL : undefined;

const out = (args: string[]) => {
  const r = runMain(args);
  expect(r.stderr).toBe('');
  return r.stdout;
};

describe('SARIF', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  // The schema's uri and date-time formats need a format library; sarif-multitool checks those.
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(schema);

  it.each(examples())('%s validates against the official SARIF 2.1.0 schema', (file) => {
    const log = JSON.parse(out(['--format', 'sarif', file]));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('describes every rule once and places every result on the questionnaire', () => {
    const log = JSON.parse(out(['--format', 'sarif', 'examples/no-standing-budget.yaml']));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(ruleDocs(rubric()).map((r) => r.id));
    const gate = run.results.find((r: { ruleId: string }) => r.ruleId === 'no-appetite-for-standing-cost');
    expect(gate.level).toBe('error');
    // 26 open questions, one result that lists them; positive reasons are no results at all.
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['no-appetite-for-standing-cost', 'telemetry-cardinality', 'unanswered-question']);
    expect(run.results.some((r: { ruleId: string }) => r.ruleId === 'funded-platform-team' || r.ruleId === 'kubernetes-operational')).toBe(false);
    expect(gate.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'examples/no-standing-budget.yaml', index: 0 }, region: { startLine: 28, startColumn: 26 } });
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it.each(examples())('%s holds problems only: gates, risks, and the open questions in one note while they could change the verdict', (file) => {
    const a = json([file]);
    const run = JSON.parse(out(['--format', 'sarif', file])).runs[0];
    type Result = { ruleId: string; level: string; message: { text: string }; partialFingerprints: Record<string, string> };
    const results = run.results as Result[];
    const gates = a.reasons.filter((r) => r.effect.kind === 'gate').map((r) => r.rule);
    const level = { high: 'warning', medium: 'note', low: 'note' } as const;
    expect(results.filter((r) => r.ruleId !== 'unanswered-question').map((r) => `${r.ruleId} ${r.level}`)).toEqual([...gates.map((g) => `${g} error`), ...a.risks.map((r) => `${r.rule} ${level[r.severity.level]}`)]);
    const open = results.filter((r) => r.ruleId === 'unanswered-question');
    if (a.confidence === 'high' || a.unknowns.length === 0) expect(open).toEqual([]);
    else {
      expect(open).toHaveLength(1);
      expect(open[0]!.level).toBe('note');
      for (const u of a.unknowns) expect(open[0]!.message.text).toContain(`${u.question} (${u.path})`);
    }
    // What scored the verdict is kept in the run's properties, not raised as alerts.
    const kept = run.properties.assessments[0].reasons.map((r: { rule: string }) => r.rule);
    expect(kept).toEqual(a.reasons.filter((r) => r.effect.kind === 'score' || r.effect.kind === 'axis').map((r) => r.rule));
    // No two results share a fingerprint, so none merge in code scanning.
    const prints = (run.results as Result[]).map((r) => r.partialFingerprints['meshAssess/v1']);
    expect(new Set(prints).size).toBe(prints.length);
    expect(run.tool.driver.rules.find((r: { id: string }) => r.id === 'unanswered-question').help.text).toMatch(/mesh-assess explain unanswered-question$/);
  });

  it('an adopt with high confidence raises its risks and nothing else; a --fail-on condition met is an error of its own', () => {
    const results = (args: string[]) => JSON.parse(out(['--format', 'sarif', 'examples/acme-payments.yaml', ...args])).runs[0].results as { ruleId: string; level: string; message: { text: string }; partialFingerprints: Record<string, string> }[];
    expect(results([]).map((r) => `${r.ruleId} ${r.level}`)).toEqual(['retry-stacking note', 'strict-mtls-too-early note', 'sidecar-resource-starvation note', 'telemetry-cardinality note', 'version-skew note']);
    const gated = runMain(['--format', 'sarif', 'examples/acme-payments.yaml', '--fail-on', 'adopt,risk:any,low-confidence']);
    expect(gated.code).toBe(1);
    const failed = (JSON.parse(gated.stdout).runs[0].results as { ruleId: string; level: string; message: { text: string }; partialFingerprints: Record<string, string> }[]).filter((r) => r.ruleId === 'fail-on-condition');
    expect(failed.map((r) => [r.level, /^--fail-on \S+ met/.exec(r.message.text)?.[0]])).toEqual([['error', '--fail-on adopt met'], ['error', '--fail-on risk:any met']]);
    expect(failed[1]!.message.text).toBe('--fail-on risk:any met: risks: Retries would stack; Pressure to enforce strict mTLS early; Proxies short of CPU or memory; Telemetry volume and cardinality; Control plane and proxies drift apart.');
    expect(failed.map((r) => r.partialFingerprints['meshAssess/v1'])).toEqual(['fail-on-condition:examples/acme-payments.yaml:adopt', 'fail-on-condition:examples/acme-payments.yaml:risk:any']);
  });

  it('lists every questionnaire assessed as an artifact with more than its location, and names the tool', () => {
    const run = JSON.parse(out(['--format', 'sarif', 'examples/acme-payments.yaml'])).runs[0];
    expect(run.artifacts).toEqual([{ location: { uri: 'examples/acme-payments.yaml' }, roles: ['analysisTarget'], mimeType: 'application/yaml', sourceLanguage: 'yaml' }]);
    expect(run.tool.driver).toMatchObject({ name: 'mesh-assess', version: expect.stringMatching(/^\d+\.\d+\.\d+/), semanticVersion: expect.stringMatching(/^\d+\.\d+\.\d+/), informationUri: expect.stringMatching(/^https:\/\//) });
  });

  it('keeps every fingerprint when lines are added above the answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-sarif-'));
    const text = readFileSync('examples/no-standing-budget.yaml', 'utf8');
    writeFileSync(join(dir, 'a.yaml'), text);
    writeFileSync(join(dir, 'b.yaml'), `# reviewed by the board\n# twice\n${text}`);
    type Result = { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[]; partialFingerprints: Record<string, string> };
    const of = (name: string) => (JSON.parse(runMain(['--format', 'sarif', name]).stdout).runs[0].results as Result[]);
    const [a, b] = [of(join(dir, 'a.yaml')), of(join(dir, 'b.yaml'))];
    const strip = (rs: Result[], name: string) => rs.map((r) => r.partialFingerprints['meshAssess/v1']!.replace(name, 'FILE'));
    expect(strip(b, join(dir, 'b.yaml'))).toEqual(strip(a, join(dir, 'a.yaml')));
    expect(b[0]!.locations[0]!.physicalLocation.region.startLine).toBe(a[0]!.locations[0]!.physicalLocation.region.startLine + 2);
  });

  it('the schema check can fail: a result with an unknown level is rejected', () => {
    const log = JSON.parse(out(['--format', 'sarif', 'examples/minimal.yaml']));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('gives one run for several files, since code scanning refuses several runs of one tool in an upload', () => {
    const log = JSON.parse(out(['--format', 'sarif', 'examples/minimal.yaml', 'examples/edge-only.yaml']));
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.artifacts.map((x: { location: { uri: string } }) => x.location.uri)).toEqual(['examples/minimal.yaml', 'examples/edge-only.yaml']);
    expect(run.properties.assessments.map((x: { file: string; verdict: string }) => `${x.file} ${x.verdict}`)).toEqual(['examples/minimal.yaml alternative', 'examples/edge-only.yaml alternative']);
    for (const r of run.results) {
      const at = r.locations[0].physicalLocation.artifactLocation;
      expect(run.artifacts[at.index].location.uri).toBe(at.uri);
    }
    expect(new Set(run.results.map((r: { locations: { physicalLocation: { artifactLocation: { index: number } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.index))).toEqual(new Set([0, 1]));
    expect(validate(log)).toBe(true);
  });

  it.runIf(MULTITOOL !== undefined)('passes sarif-multitool with its SARIF and GitHub rules, no error and no warning: each example, and all in one upload', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-multitool-'));
    const logs = [...examples().map((f) => [f]), examples()].map((files, i) => {
      const sarif = join(dir, `${i}.sarif`);
      writeFileSync(sarif, out(['--format', 'sarif', ...files]));
      return sarif;
    });
    const r = spawnSync(MULTITOOL!, ['validate', '--rule-kind', 'Sarif;Gh', '--log', 'ForceOverwrite', '-o', join(dir, 'report.sarif'), ...logs], { encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const found = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')).runs.flatMap((x: { results?: unknown[] }) => x.results ?? []) as { level?: string; ruleId: string; message: { text?: string } }[];
    // The multitool's own results: a warning is its default level, so a result without one counts as a warning.
    expect(found.filter((x) => x.level === undefined || x.level === 'error' || x.level === 'warning').map((x) => `${x.ruleId} ${x.message.text ?? ''}`)).toEqual([]);
  });

  it('is required in CI, where .ci/run installs sarif-multitool', () => {
    if (process.env.MESH_ASSESS_MULTITOOL_TEST === 'required') expect(MULTITOOL, 'MESH_ASSESS_SARIF_MULTITOOL names no executable').toBeDefined();
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

/** ::command key=value,key=value::message, with properties and message escaped as Actions expects; a note on the whole run has a title and no file. */
const WORKFLOW_COMMAND = /^::(error|warning|notice) (?:file=[^,:\r\n]+(?:,line=\d+)?(?:,col=\d+)?(?:,title=[^,:\r\n]*)?|title=[^,:\r\n]*)::[^\r\n]*$/;

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

describe('SARIF rule links', () => {
  it('with the package naming its repository, every rule links its own section of docs/rules.md, and the tool its home', async () => {
    const { renderSarif } = await import('../src/render/formats/sarif.js');
    const { assessText } = await import('./helpers.js');
    const docs = ruleDocs(rubric());
    const base = 'https://github.com/example-org/mesh-assess/blob/v1.0.0/docs/rules.md';
    const a = assessText(readFileSync('examples/minimal.yaml', 'utf8'));
    const home = 'https://github.com/example-org/mesh-assess';
    const log = JSON.parse(renderSarif([a], { color: false, width: 80, detail: false, several: false, version: '1.0.0', rules: docs, pathOf: (f) => f, docsUrl: base, informationUri: home }));
    const driver = log.runs[0].tool.driver;
    expect(driver.informationUri).toBe(home);
    const headings = new Set([...readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8').matchAll(/^## (.+)$/gm)].map((m) => m[1]));
    for (const r of driver.rules as { id: string; helpUri: string }[]) {
      expect(r.helpUri).toBe(`${base}#${r.id}`);
      expect(headings.has(r.id), r.id).toBe(true);
    }
    // Without a repository, no link is made up.
    const bare = JSON.parse(renderSarif([a], { color: false, width: 80, detail: false, several: false, version: '1.0.0', rules: docs, pathOf: (f) => f, docsUrl: null, informationUri: home }));
    expect(bare.runs[0].tool.driver.rules.some((r: { helpUri?: string }) => r.helpUri)).toBe(false);
    // The command line names the package's page on the npm registry while package.json names no home.
    expect(JSON.parse(out(['--format', 'sarif', 'examples/minimal.yaml'])).runs[0].tool.driver.informationUri).toBe('https://www.npmjs.com/package/mesh-assess');
  });
});
