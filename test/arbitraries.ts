// Random questionnaires and random edits of questionnaire text, shared by the property tests.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { fields, type Field } from '../src/core/questionnaire/fields.js';
import { examples } from './helpers.js';

export const NAMES = ['go', 'java', 'python', 'rust', 'node', 'ruby', 'kotlin'];

/** A value of one field, from the catalogue's own description of it. */
function valueOf(f: Field): fc.Arbitrary<unknown> {
  if (f.path === 'org.assessed_on') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (f.path === 'services.languages') return fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 });
  switch (f.kind) {
    case 'count': return fc.nat({ max: f.path.endsWith('pods') ? 20000 : 300 });
    case 'number': return fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean': return fc.boolean();
    case 'enum': return fc.constantFrom(...f.options!);
    case 'list': return f.options ? fc.subarray([...f.options]) : fc.array(fc.constantFrom(...NAMES), { maxLength: 3 });
    case 'literal': return fc.constant(1);
    default: return fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0);
  }
}

/** Any valid questionnaire: every required answer, any subset of the optional ones. */
export const questionnaire: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(...[...fields().values()].filter((f) => !f.derived && f.kind !== 'section').map((f) => (f.required ? valueOf(f) : fc.option(valueOf(f), { nil: undefined })).map((v) => [f.path, v] as const)))
  .map((pairs) => {
    const out: Record<string, unknown> = {};
    for (const [path, v] of pairs) {
      if (v === undefined) continue;
      const keys = path.split('.');
      let node = out;
      for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
      node[keys[keys.length - 1]!] = v;
    }
    return out;
  });

export const exampleTexts = examples().map((f) => readFileSync(f, 'utf8'));
/** Bits of text that upset YAML: indicators, control characters, unusual spaces and numbers. */
export const NOISE = [':', '-', ' ', '\n', '[', ']', '{', '}', '&a', '*a', '#', '"', "'", '\t', '|', '>', '!!', '%', '@', '`', '\u00e9', '\u0000', '?', ',', '0', '-1', '1e9', 'null', '~', 'true'];

/** A random edit of a valid questionnaire's text: deletions, insertions, duplicated or swapped lines. */
export const mutatedWith = (texts: readonly string[], noise: readonly string[]) =>
  fc
    .tuple(fc.nat({ max: texts.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom('delete', 'insert', 'duplicate', 'swap'), fc.constantFrom(...noise)), { minLength: 1, maxLength: 6 }))
    .map(([which, edits]) => {
      let text = texts[which]!;
      for (const [at, len, kind, noise] of edits) {
        const i = at % (text.length + 1);
        if (kind === 'delete') text = text.slice(0, i) + text.slice(i + len);
        else if (kind === 'insert') text = text.slice(0, i) + noise + text.slice(i);
        else {
          const lines = text.split('\n');
          const l = at % lines.length;
          if (kind === 'duplicate') lines.splice(l, 0, lines[l]!);
          else [lines[l], lines[(l + 1) % lines.length]] = [lines[(l + 1) % lines.length]!, lines[l]!];
          text = lines.join('\n');
        }
      }
      return text;
    });

export const mutated = mutatedWith(exampleTexts, NOISE);

/** The shipped examples as data, the bases of profiles near the verdict's margins. */
const exampleData = () => exampleTexts.map((t) => parseYaml(t) as Record<string, unknown>);

/** A value of one field, counts reaching well past every threshold. */
const edited = (f: Field): fc.Arbitrary<unknown> => (f.kind === 'count' ? fc.oneof(fc.nat({ max: 12 }), fc.nat({ max: 400 })) : valueOf(f));

/**
 * Profiles near the margins, where a verdict is decided by a few answers: a shipped example with
 * a few answers left out or changed. Random questionnaires are mostly held by several hard rules
 * at once, and say little about confidence, monotonicity or the plan to adopt.
 */
export const marginal: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.nat({ max: exampleTexts.length - 1 }),
    fc.array(fc.tuple(fc.constantFrom(...[...fields().values()].filter((f) => !f.derived && f.kind !== 'section' && f.kind !== 'literal' && f.path !== 'org.name')), fc.boolean()).chain(([f, drop]) => (drop && !f.required ? fc.constant([f.path, undefined] as const) : edited(f).map((v) => [f.path, v] as const))), { maxLength: 6 }),
  )
  .map(([which, edits]) => {
    const out = structuredClone(exampleData()[which]!);
    for (const [path, v] of edits) {
      const keys = path.split('.');
      let node = out;
      for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
      if (v === undefined) delete node[keys[keys.length - 1]!];
      else node[keys[keys.length - 1]!] = v;
    }
    return out;
  });

/** Random questionnaires and profiles near the margins, half and half. */
export const profile = fc.oneof(questionnaire, marginal);
