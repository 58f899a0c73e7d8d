import * as z from 'zod';
import { once } from '../lazy/once.js';

/** A comparison operator and the shape of its operand. */
export const OPERATORS = ['equals', 'not_equals', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'known', 'unknown'] as const;
export type Operator = (typeof OPERATORS)[number];

/**
 * A condition over questionnaire answers, written as data. Exactly one of `all`, `any`, `not`
 * or `path`; with `path`, exactly one operator. `known: true` / `unknown: true` test presence.
 */
export interface Condition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  path?: string;
  equals?: string | number | boolean;
  not_equals?: string | number | boolean;
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  in?: (string | number | boolean)[];
  contains?: string;
  known?: true;
  unknown?: true;
}

export const GATES = ['never-adopt', 'at-most-alternative'] as const;
export type Gate = (typeof GATES)[number];
export const AXES = ['need', 'readiness'] as const;
export type Axis = (typeof AXES)[number];
/** How much a risk matters: `--fail-on risk` fails on high ones only (`risk:any` on every one). */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type SeverityLevel = (typeof SEVERITIES)[number];

/** Builds the schemas of rules and scoring files; see rubricSchemas. */
function build() {
  const scalar = z.union([z.string(), z.number(), z.boolean()]);

  const conditionSchema: z.ZodType<Condition> = z
    .strictObject({
      get all() {
        return z.array(conditionSchema).min(1).optional();
      },
      get any() {
        return z.array(conditionSchema).min(1).optional();
      },
      get not() {
        return conditionSchema.optional();
      },
      path: z.string().optional(),
      equals: scalar.optional(),
      not_equals: scalar.optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
      gt: z.number().optional(),
      gte: z.number().optional(),
      in: z.array(scalar).min(1).optional(),
      contains: z.string().optional(),
      known: z.literal(true).optional(),
      unknown: z.literal(true).optional(),
    })
    .superRefine((c, ctx) => {
      const forms = (['all', 'any', 'not', 'path'] as const).filter((k) => c[k] !== undefined);
      const ops = OPERATORS.filter((k) => c[k] !== undefined);
      if (forms.length !== 1) {
        ctx.addIssue({ code: 'custom', message: `a condition needs exactly one of all, any, not or path, got ${forms.length === 0 ? 'none' : forms.join(' and ')}` });
      } else if (c.path !== undefined && ops.length !== 1) {
        ctx.addIssue({ code: 'custom', message: `a comparison needs exactly one operator (${OPERATORS.join(', ')}), got ${ops.length === 0 ? 'none' : ops.join(' and ')}` });
      } else if (c.path === undefined && ops.length > 0) {
        ctx.addIssue({ code: 'custom', message: `operator ${ops.join(', ')} needs a path beside it` });
      }
    });

  /**
   * What a rule does when it fires: moves one axis, caps the verdict, or names a risk. A gate may
   * also move an axis, for a hard rule that keeps the verdict from adopt and leans it one way
   * below that (a monolith leans to alternative rather than defer).
   */
  const effectSchema = z.union([
    z.strictObject({ axis: z.enum(AXES), direction: z.enum(['up', 'down']) }),
    z.strictObject({ gate: z.enum(GATES), axis: z.enum(AXES), direction: z.enum(['up', 'down']) }),
    z.strictObject({ gate: z.enum(GATES) }),
    z.strictObject({ risk: z.literal(true) }),
  ]);

  const changeSchema = z.strictObject({
    path: z.string().min(1),
    value: z.union([scalar, z.array(z.string())]),
  });

  /**
   * Marks the figures of the object it sits in (thresholds, weights, ranges) as the project's
   * estimate rather than a seed's figure, with the reasoning behind them in one line.
   */
  const estimateSchema = z.strictObject({ basis: z.string().min(1) });

  const sourceSchema = z.strictObject({ document: z.string().min(1), section: z.string().min(1) });

  /**
   * How much a risk matters, why, and where that judgement comes from: high for one that can
   * reach the whole fleet or that no configuration choice avoids, medium for a known failure mode
   * with a standard guard, low for a cost to budget and watch.
   */
  const severitySchema = z.strictObject({ level: z.enum(SEVERITIES), reason: z.string().min(1), source: sourceSchema });

  const ruleSchema = z
    .strictObject({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id such as no-platform-team'),
      title: z.string().min(1),
      when: conditionSchema,
      effect: effectSchema,
      reason: z.string().min(1),
      remedy: z
        .strictObject({
          text: z.string().min(1),
          set: z.array(changeSchema).min(1).optional(),
          // Numbers whose fall lifts the rule (incidents of a cause a mesh does not touch, once
          // their source is fixed): the plan lowers the largest answered one as far as needed.
          lower: z.array(z.string().min(1)).min(1).optional(),
        })
        .optional(),
      estimate: estimateSchema.optional(),
      severity: severitySchema.optional(),
      source: sourceSchema,
    })
    .superRefine((r, ctx) => {
      // A risk without a severity is read as high (see UNRATED_RISK): rubrics written before risks
      // had one keep their meaning, and --fail-on risk keeps failing on them.
      if (!('risk' in r.effect) && r.severity) ctx.addIssue({ code: 'custom', path: ['severity'], message: 'only a risk has a severity; a gate or a score counts through its effect and weight' });
    });

  const rulesFileSchema = z.strictObject({ rules: z.array(ruleSchema).min(1) });

  const perAxis = <T extends z.ZodType>(t: T) => z.strictObject({ need: t, readiness: t });

  /** The reason an axis gives for the verdict, worded for when it is met and when it falls short. */
  const axisReasonSchema = z.strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id such as need-score'),
    title: z.string().min(1),
    /** Worded for when the axis is met and when it falls short: {score}, {threshold}, {for} and {against}. */
    met: z.string().min(1),
    short: z.string().min(1),
    /** Said in place of the rules that raised or lowered the axis when none did; no placeholders. */
    none: z.string().min(1),
    /** Added when unanswered questions could still move the axis: {count} and {questions}. */
    open: z.string().min(1),
    source: z.strictObject({ document: z.string().min(1), section: z.string().min(1) }),
  });

  const scoringSchema = z.strictObject({
    /** Where an axis stands when nothing on it is known: evidence moves it from here. */
    prior: perAxis(z.int().min(0).max(100)),
    thresholds: perAxis(z.int().min(1).max(100)),
    confidence: z.strictObject({
      /** How far (as a share of the answer) a number may move and still count as the same answer, borderline. */
      borderline_share: z.number().min(0).max(1),
    }),
    /** The reasons the two axes give for every verdict. */
    axes: perAxis(axisReasonSchema),
    weights: z.record(z.string(), z.int().min(1).max(100)),
    estimate: estimateSchema.optional(),
  });
  return { conditionSchema, effectSchema, changeSchema, estimateSchema, severitySchema, ruleSchema, rulesFileSchema, axisReasonSchema, scoringSchema };
}

type RubricSchemas = ReturnType<typeof build>;

/**
 * The schemas of rubric files, built on first use. A run on the built-in rubric never needs them
 * (the build validated it and ships it as JSON), and building them took about a tenth of a cold start.
 */
export const rubricSchemas: () => RubricSchemas = once(build);

export type Effect = z.infer<RubricSchemas['effectSchema']>;
export type Change = z.infer<RubricSchemas['changeSchema']>;
export type Estimate = z.infer<RubricSchemas['estimateSchema']>;
export type Severity = z.infer<RubricSchemas['severitySchema']>;
export type Rule = z.infer<RubricSchemas['ruleSchema']>;
export type AxisReason = z.infer<RubricSchemas['axisReasonSchema']>;
export type Scoring = z.infer<RubricSchemas['scoringSchema']>;

