import type { Evidence, Reason } from '../core/assessment.js';
import { UNANSWERED_QUESTION, type RuleDoc } from '../core/rubric/explain.js';
import { waiverOf, type AppliedWaiver } from '../core/waivers.js';
import { settingsText } from '../core/run-config.js';
import type { Renderer } from './index.js';

type Level = 'error' | 'warning' | 'note';

const levelOf = (r: Reason): Level => (r.effect.kind === 'gate' ? 'error' : r.effect.kind === 'risk' ? 'warning' : 'note');

/** A relative path as a URI reference; an absolute one as a file URI. */
const uriOf = (file: string) => {
  const slashed = file.replace(/\\/g, '/');
  return /^(\/|[A-Za-z]:\/)/.test(slashed) ? `file://${slashed.startsWith('/') ? '' : '/'}${encodeURI(slashed)}` : encodeURI(slashed);
};

const DEFAULT_LEVEL: Record<RuleDoc['kind'], Level> = { gate: 'error', risk: 'warning', score: 'note', axis: 'note', report: 'note' };

/** The rule's help as code scanning shows it beside an alert: the same words as `mesh-assess explain`. */
function help(d: RuleDoc) {
  const parts: [string, string][] = [['Checks', d.checks], ['Does', d.does], ...(d.remedy ? [['Remedy', d.remedy] as [string, string]] : []), ['Source', d.source]];
  return {
    text: `${d.title}. ${parts.map(([k, v]) => `${k}: ${v}.`).join(' ')} More: mesh-assess explain ${d.id}`,
    markdown: [`**${d.title}**`, '', ...parts.map(([k, v]) => `- **${k}:** ${v}`), '', `\`mesh-assess explain ${d.id}\``].join('\n'),
  };
}

function descriptor(d: RuleDoc, docsUrl: string | null) {
  return {
    id: d.id,
    name: d.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: d.title },
    fullDescription: { text: `${d.title}: ${d.does}.` },
    help: help(d),
    ...(docsUrl ? { helpUri: `${docsUrl}#${d.id}` } : {}),
    defaultConfiguration: { level: DEFAULT_LEVEL[d.kind] },
    properties: { kind: d.kind, weight: d.weight, hard: d.hard, source: d.source, tags: ['service-mesh', d.kind] },
  };
}

/** A waived finding stays in the log, suppressed with the decision: code scanning shows it as dismissed. */
const suppressed = (w: AppliedWaiver | undefined) =>
  w ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${w.reason} (accepted by ${w.owner} until ${w.expires})`, properties: { owner: w.owner, expires: w.expires } }] } : {};

/** The first piece of evidence that stands in the file, so the result has a place. */
const placed = (evidence: readonly Evidence[]) => evidence.find((e) => e.line !== null);

/**
 * Results are told apart across runs by rule, file and, for an open question, its field: never by
 * line, so an edit above a result does not close its alert and open a new one.
 */
const fingerprint = (...parts: string[]) => ({ 'meshAssess/v1': parts.join(':') });

/**
 * SARIF 2.1.0 for code scanning: one run for the whole invocation (code scanning refuses several
 * runs of one tool and category in an upload), one artifact per questionnaire, one result per
 * reason and risk under its rule, and one per unanswered question under unanswered-question.
 */
export const renderSarif: Renderer = (as, ctx) => {
  const rules = ctx.rules.some((r) => r.id === UNANSWERED_QUESTION.id) ? ctx.rules : [...ctx.rules, UNANSWERED_QUESTION];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const files = [...new Set(as.map((a) => ctx.pathOf(a.file)))];
  const artifact = new Map(files.map((f, i) => [f, i]));
  const location = (file: string, at: { line: number | null; col: number | null } | undefined) => ({
    physicalLocation: {
      artifactLocation: { uri: uriOf(file), index: artifact.get(file)! },
      region: { startLine: at?.line ?? 1, startColumn: at?.col ?? 1 },
    },
  });
  const results = as.flatMap((a) => {
    const file = ctx.pathOf(a.file);
    const uri = uriOf(file);
    return [
      ...a.reasons.map((r) => ({
        ruleId: r.rule,
        ruleIndex: index.get(r.rule),
        level: levelOf(r),
        message: { text: `${r.message}${r.remedy && r.effect.kind !== 'score' ? ` ${r.remedy}` : ''}` },
        locations: [location(file, placed(r.evidence))],
        partialFingerprints: fingerprint(r.rule, uri),
        ...suppressed(waiverOf(a, r.rule)),
      })),
      ...a.unknowns.map((u) => ({
        ruleId: UNANSWERED_QUESTION.id,
        ruleIndex: index.get(UNANSWERED_QUESTION.id),
        level: 'note' as const,
        message: { text: `${u.question} (${u.path}; rules waiting on it: ${u.rules.join(', ')})` },
        locations: [location(file, u)],
        partialFingerprints: fingerprint(UNANSWERED_QUESTION.id, uri, u.path),
      })),
    ];
  });
  const text = settingsText(ctx.config, ctx.rubric);
  const settings = text ? { settings: text, ...(ctx.config ? { configuration: ctx.config } : {}), ...(ctx.rubric ? { rubric: ctx.rubric } : {}) } : null;
  const run = {
    tool: {
      driver: {
        name: 'mesh-assess',
        version: ctx.version,
        semanticVersion: ctx.version,
        ...(ctx.docsUrl ? { informationUri: ctx.docsUrl.replace(/\/docs\/rules\.md$/, '') } : {}),
        rules: rules.map((d) => descriptor(d, ctx.docsUrl)),
      },
    },
    artifacts: files.map((f) => ({ location: { uri: uriOf(f) } })),
    // What the run was told to do: a pull request can change the configuration and the rubric set,
    // so the log says which it used (the command line is not kept: it may hold private paths).
    ...(settings ? { invocations: [{ executionSuccessful: true, properties: settings }] } : {}),
    results,
    properties: {
      ...settings,
      assessments: as.map((a) => ({ file: ctx.pathOf(a.file), organisation: a.org, verdict: a.verdict, confidence: a.confidence, need: a.scores.need, readiness: a.scores.readiness, ...(a.comparison ? { comparison: a.comparison } : {}) })),
    },
  };
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2)}\n`;
};
