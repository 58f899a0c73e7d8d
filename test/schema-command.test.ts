import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { examples, ROOT, run, runMain } from './helpers.js';

const schema = () => JSON.parse(runMain(['schema']).stdout) as Record<string, unknown>;

describe('mesh-assess schema', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema());
  const data = (file: string) => parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;

  it.each(examples())('accepts %s', (file) => {
    expect(validate(data(file)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a misspelt key, a wrong type and a missing required field', () => {
    const acme = data('examples/acme-payments.yaml');
    expect(validate({ ...acme, platfrom_team: { exists: true } })).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'additionalProperties' && (e.params as { additionalProperty: string }).additionalProperty === 'platfrom_team')).toBe(true);
    expect(validate({ ...acme, services: { ...(acme.services as object), count: 'many' } })).toBe(false);
    const { platform_team: _, ...missing } = acme;
    expect(validate(missing)).toBe(false);
  });

  it('carries each question as the description an editor shows', () => {
    const props = (schema().properties as Record<string, { properties: Record<string, { description: string }> }>).services!.properties;
    expect(props.count!.description).toBe('How many deployable services call each other?');
  });

  it('is what schema/questionnaire.schema.json holds, and what every example points its editor at', () => {
    expect(readFileSync(join(ROOT, 'schema', 'questionnaire.schema.json'), 'utf8')).toBe(runMain(['schema']).stdout);
    for (const file of examples()) expect(readFileSync(join(ROOT, file), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/questionnaire.schema.json');
  });
});

describe('mesh-assess validate', () => {
  it('says each valid file is valid and exits 0', () => {
    const r = runMain(['validate', 'examples/minimal.yaml', 'examples/acme-payments.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('examples/minimal.yaml: valid\nexamples/acme-payments.yaml: valid\n');
  });

  it('reports the problems of a bad file, still checks the rest, and exits 2', () => {
    const r = run(['validate', 'examples/minimal.yaml', 'test/fixtures/custom-rubric/policy.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('examples/minimal.yaml: valid\n');
    expect(r.stderr).toMatch(/^test\/fixtures\/custom-rubric\/policy.yaml:2:1 version: required but missing/);
    expect(r.stderr).toMatch(/policy.yaml:\d+:\d+ rules: unknown key "rules"/);
  });
});

describe('mesh-assess schema assessment: the shape of --format json', () => {
  const shape = () => JSON.parse(runMain(['schema', 'assessment']).stdout) as Record<string, unknown>;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(shape());

  it.each(examples())('%s: its JSON validates, and names the version of its shape', (file) => {
    const doc = JSON.parse(runMain(['--format', 'json', file]).stdout) as Record<string, unknown>;
    expect(Object.keys(doc)[0]).toBe('schemaVersion');
    expect(doc.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('holds for each element of a portfolio, and for answers given with --set', () => {
    const all = JSON.parse(runMain(['--format', 'json', ...examples(), '--set', 'services.count=40']).stdout) as unknown[];
    expect(all).toHaveLength(examples().length);
    for (const doc of all) expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('can fail: a field left out, one added and a verdict misspelt are each rejected', () => {
    const doc = JSON.parse(runMain(['--format', 'json', 'examples/minimal.yaml']).stdout) as Record<string, unknown>;
    const { flips: _, ...missing } = doc;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...doc, extra: 1 })).toBe(false);
    expect(validate({ ...doc, verdict: 'adopted' })).toBe(false);
  });

  it('is what schema/assessment.schema.json holds', () => {
    expect(readFileSync(join(ROOT, 'schema', 'assessment.schema.json'), 'utf8')).toBe(runMain(['schema', 'assessment']).stdout);
  });

  it('refuses a schema it does not know, with exit 2', () => {
    const r = runMain(['schema', 'assesment']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are questionnaire, assessment/);
  });
});
