import { visible } from '../text/safe-text.js';
import type { ResolvedConfig, RubricIdentity } from '../report/run.js';

export type { ResolvedConfig, RubricIdentity } from '../report/run.js';

/** The rubric digest as people compare it: its first 12 hex digits. */
export const shortDigest = (digest: string) => digest.slice(0, 12);

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * What a run was told to do, in one line, for every human-readable format: the rubric set (replaced
 * or extended, named as such) with its digest, the thresholds need/readiness (changed ones named as
 * such), the configuration file and what it set, the --fail-on list and the waivers. A pull
 * request can change each of these; this line lets its reader see that it did.
 */
export function settingsParts(config: ResolvedConfig | undefined, rubric: RubricIdentity | undefined): string[] {
  const parts: string[] = [];
  if (rubric) {
    const base = rubric.replaced ? `rubrics ${rubric.set} (replacing the built-in set)` : 'rubrics built-in';
    const extended = rubric.extend.length > 0 ? ` extended by ${rubric.extend.join(', ')}` : '';
    parts.push(`${base}${extended} ${shortDigest(rubric.digest)}`);
    const t = rubric.thresholds;
    const b = rubric.builtin_thresholds;
    parts.push(`thresholds ${t.need}/${t.readiness}${b ? ` (changed from ${b.need}/${b.readiness})` : ''}`);
  }
  if (config) {
    parts.push(config.file === null ? 'no configuration file' : `configuration ${config.file}${config.from_file.length > 0 ? ` (sets ${config.from_file.join(', ')})` : ''}`);
    if (config['fail-on'].length > 0) parts.push(`fail-on ${config['fail-on'].join(', ')}`);
    if (config.waivers.length > 0) {
      const used = config.waivers.length - config.unused_waivers.length - config.expired_waivers.length;
      const extra = [...(config.unused_waivers.length > 0 ? [`${config.unused_waivers.length} unused`] : []), ...(config.expired_waivers.length > 0 ? [`${config.expired_waivers.length} expired`] : [])];
      parts.push(`${plural(config.waivers.length, 'waiver')}: ${used} applied${extra.length > 0 ? `, ${extra.join(', ')}` : ''}`);
    }
  }
  return parts;
}

/** The settings line: its parts joined; null when the run reported none. Paths came from input, so it is shown escaped. */
export function settingsText(config: ResolvedConfig | undefined, rubric: RubricIdentity | undefined): string | null {
  const parts = settingsParts(config, rubric);
  return parts.length === 0 ? null : visible(parts.join(' · '));
}
