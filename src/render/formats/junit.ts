import type { Assessment } from '../../core/report/assessment.js';
import { waivedText, waiverOf } from '../../core/policy/waivers.js';
import { comparisonText } from '../../core/policy/baseline.js';
import { settingsText } from '../../core/policy/run-config.js';
import type { RenderContext, Renderer } from '../context.js';
import { escapeXml as xml } from '../text.js';



type Case = { name: string; failure?: { type: string; message: string; text: string }; skipped?: string; out?: string };

/**
 * A testcase per rule evaluated. Gates that fired and rules whose remedy is among the changes to
 * adopt fail; rules left undecided by a missing answer are skipped; the rest pass.
 */
function cases(a: Assessment, ctx: RenderContext): Case[] {
  const fired = new Map(a.reasons.map((r) => [r.rule, r]));
  const blocking = new Set([...a.gates, ...a.toAdopt.map((t) => t.rule)]);
  const undecided = new Map<string, string[]>();
  for (const u of a.unknowns) for (const r of u.rules) undecided.set(r, [...(undecided.get(r) ?? []), u.path]);
  // The rubric's rules; unanswered-question is SARIF's, and open questions show here as skipped rules.
  return ctx.rules.filter((rule) => rule.kind !== 'report').map((rule) => {
    const reason = fired.get(rule.id);
    const waiver = reason ? waiverOf(a, rule.id) : undefined;
    if (waiver) return { name: rule.id, skipped: waivedText(waiver) };
    if (reason && blocking.has(rule.id)) {
      const type = reason.effect.kind === 'gate' ? 'gate' : 'blocker';
      return { name: rule.id, failure: { type, message: reason.title, text: `${reason.message}${reason.remedy ? `\nRemedy: ${reason.remedy}` : ''}\nSource: ${reason.source}` } };
    }
    if (reason) return { name: rule.id, out: reason.message };
    const missing = undecided.get(rule.id);
    if (missing) return { name: rule.id, skipped: `unanswered: ${missing.join(', ')}` };
    return { name: rule.id };
  });
}

function testcase(c: Case, classname: string): string {
  const open = `    <testcase classname="${xml(classname)}" name="${xml(c.name)}" time="0"`;
  if (c.failure) return `${open}>\n      <failure type="${c.failure.type}" message="${xml(c.failure.message)}">${xml(c.failure.text)}</failure>\n    </testcase>`;
  if (c.skipped) return `${open}>\n      <skipped message="${xml(c.skipped)}"/>\n    </testcase>`;
  if (c.out) return `${open}>\n      <system-out>${xml(c.out)}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

function suite(a: Assessment, ctx: RenderContext): { text: string; tests: number; failures: number; skipped: number } {
  const cs = cases(a, ctx);
  const failures = cs.filter((c) => c.failure).length;
  const skipped = cs.filter((c) => c.skipped).length;
  const since = a.comparison ? { 'since-baseline': comparisonText(a.comparison), regression: String(a.comparison.regression) } : {};
  const settings = settingsText(ctx.config, ctx.rubric);
  const run = { ...(settings ? { settings } : {}), ...(ctx.rubric ? { 'rubric-digest': ctx.rubric.digest } : {}) };
  const props = { verdict: a.verdict, confidence: a.confidence, need: String(a.scores.need), readiness: String(a.scores.readiness), mesh: a.recommendation?.mesh ?? '', ...since, ...run };
  const text = [
    `  <testsuite name="${xml(ctx.pathOf(a.file))}" tests="${cs.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    '    <properties>',
    ...Object.entries(props).map(([k, v]) => `      <property name="${k}" value="${xml(v)}"/>`),
    '    </properties>',
    ...cs.map((c) => testcase(c, `mesh-assess.${a.org}`)),
    '  </testsuite>',
  ].join('\n');
  return { text, tests: cs.length, failures, skipped };
}

/** JUnit XML, one suite per questionnaire, so GitLab and Jenkins show the assessment natively. */
export const renderJunit: Renderer = (as, ctx) => {
  const suites = as.map((a) => suite(a, ctx));
  const sum = (k: 'tests' | 'failures' | 'skipped') => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mesh-assess" tests="${sum('tests')}" failures="${sum('failures')}" errors="0" skipped="${sum('skipped')}" time="0">`,
    ...suites.map((s) => s.text),
    '</testsuites>',
    '',
  ].join('\n');
};
