import type { Assessment, Evidence, Reason } from '../core/assessment.js';
import type { ListedRule } from '../core/rubric/listing.js';
import type { RenderContext, Renderer } from './index.js';

type Level = 'error' | 'warning' | 'note';

const levelOf = (r: Reason): Level => (r.effect.kind === 'gate' ? 'error' : r.effect.kind === 'risk' ? 'warning' : 'note');

/** A relative path as a URI reference; an absolute one as a file URI. */
const uriOf = (file: string) => {
  const slashed = file.replace(/\\/g, '/');
  return /^(\/|[A-Za-z]:\/)/.test(slashed) ? `file://${slashed.startsWith('/') ? '' : '/'}${encodeURI(slashed)}` : encodeURI(slashed);
};

function location(file: string, at: { line: number | null; col: number | null } | undefined) {
  return {
    physicalLocation: {
      artifactLocation: { uri: uriOf(file), index: 0 },
      region: { startLine: at?.line ?? 1, startColumn: at?.col ?? 1 },
    },
  };
}

function descriptor(r: ListedRule) {
  return {
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: `${r.title}. Effect: ${r.effect}, weight ${r.weight}. Source: ${r.source}.` },
    help: { text: r.remedy ?? `${r.title}. Source: ${r.source}.` },
    defaultConfiguration: { level: r.effect.startsWith('gate') ? 'error' : r.effect === 'risk' ? 'warning' : 'note' },
    properties: { effect: r.effect, weight: r.weight, source: r.source, tags: ['service-mesh', r.effect.split(/[: ]/)[0]] },
  };
}

/** The first piece of evidence that stands in the file, so the result has a place. */
const placed = (evidence: readonly Evidence[]) => evidence.find((e) => e.line !== null);

function run(a: Assessment, ctx: RenderContext) {
  const index = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const fromReasons = a.reasons.map((r) => ({
    ruleId: r.rule,
    ruleIndex: index.get(r.rule),
    level: levelOf(r),
    message: { text: `${r.message}${r.remedy && r.effect.kind !== 'score' ? ` ${r.remedy}` : ''}` },
    locations: [location(a.file, placed(r.evidence))],
  }));
  const fromUnknowns = a.unknowns.map((u) => ({
    ruleId: u.rules[0]!,
    ruleIndex: index.get(u.rules[0]!),
    level: 'note' as const,
    message: { text: `Unanswered: ${u.question} (${u.path}; it decides ${u.rules.join(', ')})` },
    locations: [location(a.file, u)],
  }));
  return {
    tool: { driver: { name: 'mesh-assess', version: ctx.version, semanticVersion: ctx.version, rules: ctx.rules.map(descriptor) } },
    artifacts: [{ location: { uri: uriOf(a.file) } }],
    results: [...fromReasons, ...fromUnknowns],
    properties: { verdict: a.verdict, confidence: a.confidence, need: a.scores.need, readiness: a.scores.readiness, organisation: a.org },
  };
}

/** SARIF 2.1.0 for code scanning: one run per questionnaire, one result per reason, risk and unknown. */
export const renderSarif: Renderer = (as, ctx) =>
  `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: as.map((a) => run(a, ctx)) }, null, 2)}\n`;
