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

/**
 * The questions of readiness (product.md: "a funded platform team with on-call, Kubernetes
 * maturity, governance, leadership accepting a standing cost"): the answers under these sections.
 */
const READINESS_SECTIONS = ['platform_team.', 'kubernetes.', 'governance.', 'leadership.'];

/**
 * Whether the tool's verdict agrees with what the organisation did. `adopted` agrees with adopt,
 * or with defer when one of the flips the tool lists answers at most two open readiness questions
 * and gives adopt (the record left out what the tool asks for first); `deferred` and `removed`
 * agree with defer or alternative; `cheaper-tools` with alternative.
 */
export function outcomeAgrees(outcome, assessment) {
  const v = assessment.verdict;
  if (outcome === 'deferred' || outcome === 'removed') return v === 'defer' || v === 'alternative';
  if (outcome === 'cheaper-tools') return v === 'alternative';
  if (v === 'adopt') return true;
  if (v !== 'defer') return false;
  return assessment.flips.some(
    (f) => f.verdict === 'adopt' && f.changes.length <= 2 && f.changes.every((c) => c.was === null && READINESS_SECTIONS.some((s) => c.path.startsWith(s))),
  );
}

/** A figure the README records as "<label>: **27 of 30**", as numbers. */
function recorded(readme, label) {
  const m = readme.match(new RegExp(`${label}: \\*\\*(\\d+) of (\\d+)\\*\\*`));
  return m ? { agreed: Number(m[1]), of: Number(m[2]) } : null;
}

/** "Agreement on the case library: **27 of 30**": agreement with the expected verdicts. */
export const recordedAgreement = (readme) => recorded(readme, 'Agreement on the case library');

/** "Agreement with what the organisations did: **27 of 30**". */
export const recordedOutcomeAgreement = (readme) => recorded(readme, 'Agreement with what the organisations did');
