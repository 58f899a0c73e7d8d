import type { Assessment } from '../core/report/assessment.js';
import type { RuleDoc } from '../core/rubric/explain.js';
import type { ResolvedConfig, RubricIdentity } from '../core/policy/run-config.js';

/** What every renderer may use besides the assessments: nothing it would have to compute. */
export interface RenderContext {
  color: boolean;
  /** Columns the terminal report may use (60 to 120); the other formats ignore it. */
  width: number;
  /** The full report instead of the short one (terminal and Markdown). */
  detail: boolean;
  /** Several files were named: JSON is an array even when only one of them could be assessed. */
  several: boolean;
  version: string;
  /** Every rule of the rubric set, for formats that describe rules (SARIF) or list them (JUnit). */
  rules: readonly RuleDoc[];
  /** A questionnaire's path as CI tools want it (relative to the repository root), for SARIF, annotations and JUnit. */
  pathOf: (file: string) => string;
  /** The rule documentation's address (docs/rules.md of this version), when the package names its repository. */
  docsUrl: string | null;
  /** Where to learn about the tool (SARIF's informationUri): the package's home page. */
  informationUri: string;
  /** The configuration the run used, which --format json reports; absent where no command line resolved one. */
  config?: ResolvedConfig;
  /** The rubric set the run used, which every format states; absent where no command line resolved one. */
  rubric?: RubricIdentity;
  /** The github format's report also goes to the job summary (GITHUB_STEP_SUMMARY). */
  stepSummary?: boolean;
}

/** Renders the assessments of one run, one per questionnaire, in the order given. */
export type Renderer = (assessments: readonly Assessment[], ctx: RenderContext) => string;
