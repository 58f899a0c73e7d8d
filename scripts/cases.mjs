// The case library: questionnaires written from real organisations' public records, each with
// the verdict product.md gives on its facts, decided from the source before the tool ran.
// Shared by `npm run calibrate` and the test that holds the agreement.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const VERDICTS = ['adopt', 'defer', 'alternative'];
export const OUTCOMES = ['adopted', 'deferred', 'removed', 'cheaper-tools'];

/** One header line `# key: value`, or undefined. */
const header = (text, key) => text.match(new RegExp(`^# ${key}: *(.+)$`, 'm'))?.[1].trim();

/** Every case file under `dir`, with its expected verdict and what the organisation did. */
export function readCases(dir = 'cases') {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const text = readFileSync(file, 'utf8');
      const expected = header(text, 'expected');
      const outcome = header(text, 'outcome');
      if (!VERDICTS.includes(expected)) throw new Error(`${file}: "# expected:" must be one of ${VERDICTS.join(', ')}`);
      if (!OUTCOMES.includes(outcome)) throw new Error(`${file}: "# outcome:" must be one of ${OUTCOMES.join(', ')}`);
      return { file, name: name.replace(/\.yaml$/, ''), text, expected, outcome, disputed: header(text, 'disputed') ?? null };
    });
}

/** "Agreement on the case library: **27 of 30**" in the README, as numbers. */
export function recordedAgreement(readme) {
  const m = readme.match(/Agreement on the case library: \*\*(\d+) of (\d+)\*\*/);
  return m ? { agreed: Number(m[1]), of: Number(m[2]) } : null;
}
