import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../src/cli/main.js';
import { assess } from '../src/core/decision/assess.js';
import type { Assessment } from '../src/core/report/assessment.js';
import { applyChanges } from './apply-changes.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import type { Questionnaire } from '../src/core/questionnaire/schema.js';
import type { Change } from '../src/core/rubric/schema.js';
import { mutated, questionnaire } from './arbitraries.js';
import { readRegular, writeWhole } from '../src/cli/files/node-files.js';
import { memoryIo, OUR_COMMAND, ROOT, rubric } from './helpers.js';

/** Cases across the four properties: a few hundred in `npm test`, 10,000 in `npm run fuzz`. */
const TOTAL = Number(process.env.FUZZ_CASES ?? 600);
const RUNS = Math.ceil(TOTAL / 4);
// A long fuzz run needs more than vitest's five seconds a test.
const TIMEOUT = 10_000 + RUNS * 60;
let cases = 0;
afterAll(() => {
  // Reached only when every property held: a failure stops fast-check with its counterexample.
  console.log(`fuzz: ${cases} cases, 0 failures`);
});

const load = (data: unknown) => {
  const q = loadQuestionnaire('q.yaml', stringify(data));
  if (!q.ok) throw new Error(`generated an invalid questionnaire: ${JSON.stringify(q.problems)}`);
  return q.value;
};
const assessData = (data: unknown): Assessment => assess(load(data), rubric());
const MANDATES = ['none', 'nice-to-have', 'planned', 'required'] as const;

describe('properties of the assessment, on random valid questionnaires', () => {
  it('assess never throws, and its invariants hold', () => {
    fc.assert(
      fc.property(questionnaire, (data) => {
        cases++;
        const a = assessData(data);
        const q = data as unknown as Questionnaire;
        // No platform team never gives adopt.
        if (q.platform_team.exists === false) expect(a.verdict).not.toBe('adopt');
        // The JSON is the same twice.
        expect(JSON.stringify(assessData(data))).toBe(JSON.stringify(a));
        // toAdopt, applied, gives adopt.
        if (a.toAdopt.length > 0) {
          const changed = applyChanges(q, a.toAdopt as Change[]);
          expect(changed).toBeDefined();
          expect(assessData(changed).verdict).toBe('adopt');
        }
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
  }, TIMEOUT);

  it('more services never lowers need', () => {
    fc.assert(
      fc.property(questionnaire, fc.nat({ max: 200 }), (data, more) => {
        cases++;
        const q = data as unknown as Questionnaire;
        const bigger = { ...q, services: { ...q.services, count: q.services.count + more } };
        expect(assessData(bigger).scores.need).toBeGreaterThanOrEqual(assessData(q).scores.need);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  }, TIMEOUT);

  it('a stronger mandate never lowers need', () => {
    fc.assert(
      fc.property(questionnaire, fc.integer({ min: 0, max: 2 }), (data, from) => {
        cases++;
        const q = data as unknown as Questionnaire;
        const at = (m: (typeof MANDATES)[number]) => assessData({ ...q, security: { ...q.security, mandate: m } }).scores.need;
        expect(at(MANDATES[from + 1]!)).toBeGreaterThanOrEqual(at(MANDATES[from]!));
      }),
      { numRuns: RUNS, seed: 20261124 },
    );
  }, TIMEOUT);
});

describe('random mutations of valid YAML', () => {
  it('give exit 0 or 2 and nothing else, never a throw', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        cases++;
        const { io, out } = memoryIo();
        out.written.set('fuzz.yaml', text);
        const code = main(['--format', 'json', 'fuzz.yaml'], io);
        expect([0, 2]).toContain(code);
        if (code === 0) expect(() => JSON.parse(out.stdout)).not.toThrow();
        else expect(out.stderr).toMatch(/^fuzz.yaml(:\d+:\d+)? /);
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
  }, TIMEOUT);
});

// Every control character, DEL, C1 controls and the bidi overrides, with text around them.
const CONTROLS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f', ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)), '\u202e', '\u2066', ':', '<', 'a'];
const hostileText = fc.string({ unit: fc.constantFrom(...CONTROLS), minLength: 1, maxLength: 12 });
const UNSAFE_OUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e\u2066]/;

describe('random control characters in answers', () => {
  it('never reach any output raw, and never start a line with ::', () => {
    const formats = fc.constantFrom('terminal', 'json', 'markdown', 'sarif', 'junit', 'github');
    fc.assert(
      fc.property(questionnaire, hostileText, hostileText, formats, (data, name, language, format) => {
        cases++;
        const q = structuredClone(data) as unknown as { org: { name: string }; services: { languages: string[] } };
        q.org.name = `${q.org.name}${name}`;
        q.services.languages = [language, ...q.services.languages.slice(1)];
        const { io, out } = memoryIo();
        out.written.set('fuzz.yaml', stringify(q));
        const code = main(['--format', format, 'fuzz.yaml'], io);
        expect([0, 2]).toContain(code);
        for (const text of [out.stdout, out.stderr]) {
          expect(text).not.toMatch(UNSAFE_OUT);
          for (const line of text.split('\n')) {
            if (line.startsWith('::')) expect(format === 'github' && OUR_COMMAND.test(line), line).toBe(true);
          }
        }
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
  }, TIMEOUT);
});

describe('random output paths', () => {
  it('never replace the input, never leave a temporary file, and exit 0 or 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-fuzz-out-'));
    const input = join(dir, 'q.yaml');
    const text = readFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), 'utf8');
    writeFileSync(input, text);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(input, join(dir, 'link.yaml'));
    // The file edge the CLI uses, in this process: reads that record what they read, whole writes.
    const { io } = memoryIo({
      readText: (p) => {
        const got = readRegular(p);
        return 'error' in got ? got : { text: got.bytes.toString('utf8') };
      },
      writeText: (p, t, o) => writeWhole(p, t, o),
    });
    const names = fc.oneof(
      fc.constantFrom('q.yaml', './q.yaml', 'link.yaml', 'sub', 'sub/', 'sub/x.json', '-', '/dev/stdout', '/dev/null', 'missing/x.json', 'a'.repeat(250), 'a'.repeat(300), 'out.json', '.', '..'),
      fc.string({ unit: fc.constantFrom('a', '.', '/', '-', ' ', 'q', '\u0001', '%'), minLength: 1, maxLength: 20 }),
    );
    fc.assert(
      fc.property(names, fc.constantFrom('json', 'sarif', 'terminal'), (name, format) => {
        cases++;
        const target = name.startsWith('/') ? name : join(dir, name);
        const code = main(['--format', format, input, '-o', target], io);
        expect([0, 2]).toContain(code);
        expect(readFileSync(input, 'utf8')).toBe(text);
        expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      }),
      { numRuns: Math.max(20, Math.ceil(RUNS / 10)), seed: 20261130 },
    );
  }, TIMEOUT);
});
