import type { Assessment, Evidence } from '../../core/report/assessment.js';
import { FAIL_ON_CONDITION, UNANSWERED_QUESTION, type RuleDoc } from '../../core/rubric/explain.js';
import { FAIL_ON, failOnDetail, gateFailures, type FailOn } from '../../core/policy/gate.js';
import { waiverOf, type AppliedWaiver } from '../../core/policy/waivers.js';
import { settingsText } from '../../core/policy/run-config.js';
import type { SeverityLevel } from '../../core/rubric/schema.js';
import type { RenderContext, Renderer } from '../context.js';

type Level = 'error' | 'warning' | 'note';

/** A high-severity risk is a warning, the rest notes: what --fail-on risk fails on stands out. */
const RISK_LEVEL: Record<SeverityLevel, Level> = { high: 'warning', medium: 'note', low: 'note' };

/** A relative path as a URI reference; an absolute one as a file URI. */
const uriOf = (file: string) => {
  const slashed = file.replace(/\\/g, '/');
  return /^(\/|[A-Za-z]:\/)/.test(slashed) ? `file://${slashed.startsWith('/') ? '' : '/'}${encodeURI(slashed)}` : encodeURI(slashed);
};

const defaultLevel = (d: RuleDoc): Level => (d.kind === 'gate' || d.id === FAIL_ON_CONDITION.id ? 'error' : d.severity ? RISK_LEVEL[d.severity.level] : 'note');

/** The rule's help as code scanning shows it beside an alert: the same words as `mesh-assess explain`. */
function help(d: RuleDoc) {
  const severity = d.severity ? [['Severity', `${d.severity.level}: ${d.severity.reason}`] as [string, string]] : [];
  const parts: [string, string][] = [['Checks', d.checks], ['Does', d.does], ...severity, ...(d.remedy ? [['Remedy', d.remedy] as [string, string]] : []), ['Source', d.source]];
  return {
    text: `${d.title}. ${parts.map(([k, v]) => `${k}: ${v.replace(/\.?$/, '.')}`).join(' ')} More: mesh-assess explain ${d.id}`,
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
    defaultConfiguration: { level: defaultLevel(d) },
    properties: { kind: d.kind, weight: d.weight, hard: d.hard, ...(d.severity ? { severity: d.severity.level } : {}), source: d.source, tags: ['service-mesh', d.kind] },
  };
}

/** A waived finding stays in the log, suppressed with the decision: code scanning shows it as dismissed. */
const suppressed = (w: AppliedWaiver | undefined) =>
  w ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${w.reason} (accepted by ${w.owner} until ${w.expires})`, properties: { owner: w.owner, expires: w.expires } }] } : {};

/** The first piece of evidence that stands in the file, so the result has a place. */
const placed = (evidence: readonly Evidence[]) => evidence.find((e) => e.line !== null);

/**
 * Results are told apart across runs by rule, file and, for a --fail-on condition, the condition:
 * never by line, so an edit above a result does not close its alert and open a new one.
 */
const fingerprint = (...parts: string[]) => ({ 'meshAssess/v1': parts.join(':') });

/** The --fail-on conditions of the run's configuration; none where no command line resolved one. */
const failOnOf = (ctx: RenderContext): FailOn[] => (ctx.config?.['fail-on'] ?? []).filter((f): f is FailOn => (FAIL_ON as readonly string[]).includes(f));

/**
 * The problems of one assessment: each gate that fired (error), each risk (a warning when high,
 * else a note), each --fail-on condition it meets (error), and its open questions as one note,
 * listed, while they could still change the verdict (confidence below high).
 */
function problems(a: Assessment, ctx: RenderContext, place: (at: { line: number | null; col: number | null } | undefined) => object) {
  const uri = uriOf(ctx.pathOf(a.file));
  const at = (rule: string, level: Level, text: string, where: { line: number | null; col: number | null } | undefined, ...key: string[]) => ({
    ruleId: rule,
    level,
    message: { text },
    locations: [place(where)],
    partialFingerprints: fingerprint(rule, uri, ...key),
  });
  const open = a.confidence === 'high' ? [] : a.unknowns;
  return [
    ...a.reasons.filter((r) => r.effect.kind === 'gate').map((r) => ({ ...at(r.rule, 'error', `${r.message}${r.remedy ? ` ${r.remedy}` : ''}`, placed(r.evidence)), ...suppressed(waiverOf(a, r.rule)) })),
    ...a.risks.map((r) => ({ ...at(r.rule, RISK_LEVEL[r.severity.level], `${r.message}${r.mitigation ? ` ${r.mitigation}` : ''}`, placed(r.evidence)), properties: { severity: r.severity.level }, ...suppressed(waiverOf(a, r.rule)) })),
    ...gateFailures([a], failOnOf(ctx)).map((f) => at(FAIL_ON_CONDITION.id, 'error', `--fail-on ${f.condition} met: ${failOnDetail(a, f.condition)}.`, { line: 1, col: 1 }, f.condition)),
    ...(open.length > 0
      ? [at(UNANSWERED_QUESTION.id, 'note', `${open.length} unanswered ${open.length === 1 ? 'question' : 'questions'} could change this ${a.verdict} (confidence ${a.confidence}): ${open.map((u) => `${u.question} (${u.path})`).join('; ')}`, open[0])]
      : []),
  ];
}

/**
 * SARIF 2.1.0 for code scanning, which shows every result as an alert, so it holds problems only
 * (see problems); the reasons that scored the verdict go to the run's properties. One run for the
 * whole invocation (code scanning refuses several runs of one tool and category in an upload), one
 * artifact per questionnaire, listed even when it has no result, since the log records what was assessed.
 */
export const renderSarif: Renderer = (as, ctx) => {
  const extra = [UNANSWERED_QUESTION, FAIL_ON_CONDITION].filter((d) => !ctx.rules.some((r) => r.id === d.id));
  const rules = [...ctx.rules, ...extra];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const files = [...new Set(as.map((a) => ctx.pathOf(a.file)))];
  const artifact = new Map(files.map((f, i) => [f, i]));
  const results = as.flatMap((a) => {
    const file = ctx.pathOf(a.file);
    const place = (at: { line: number | null; col: number | null } | undefined) => ({
      physicalLocation: { artifactLocation: { uri: uriOf(file), index: artifact.get(file)! }, region: { startLine: at?.line ?? 1, startColumn: at?.col ?? 1 } },
    });
    return problems(a, ctx, place).map(({ ruleId, ...rest }) => ({ ruleId, ruleIndex: index.get(ruleId), ...rest }));
  });
  const text = settingsText(ctx.config, ctx.rubric);
  const settings = text ? { settings: text, ...(ctx.config ? { configuration: ctx.config } : {}), ...(ctx.rubric ? { rubric: ctx.rubric } : {}) } : null;
  const run = {
    tool: {
      driver: {
        name: 'mesh-assess',
        version: ctx.version,
        semanticVersion: ctx.version,
        informationUri: ctx.informationUri,
        rules: rules.map((d) => descriptor(d, ctx.docsUrl)),
      },
    },
    artifacts: files.map((f) => ({ location: { uri: uriOf(f) }, roles: ['analysisTarget'], mimeType: 'application/yaml', sourceLanguage: 'yaml' })),
    // What the run was told to do: a pull request can change the configuration and the rubric set,
    // so the log says which it used (the command line is not kept: it may hold private paths).
    ...(settings ? { invocations: [{ executionSuccessful: true, properties: settings }] } : {}),
    results,
    properties: {
      ...settings,
      assessments: as.map((a) => ({
        file: ctx.pathOf(a.file),
        organisation: a.org,
        verdict: a.verdict,
        confidence: a.confidence,
        need: a.scores.need,
        readiness: a.scores.readiness,
        // What scored the verdict is no problem to raise an alert on: it is kept here.
        reasons: a.reasons.filter((r) => r.effect.kind !== 'gate' && r.effect.kind !== 'risk').map((r) => ({ rule: r.rule, title: r.title, effect: r.effect })),
        unanswered: a.unknowns.length,
        ...(a.comparison ? { comparison: a.comparison } : {}),
      })),
    },
  };
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2)}\n`;
};
