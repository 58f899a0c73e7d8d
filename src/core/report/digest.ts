import type { Assessment, Reason } from './assessment.js';

/**
 * The reasons that decided the verdict, strongest first (the assessment lists them in that
 * order): for adopt what raised need and readiness; otherwise the gates, the axis that fell short
 * when no gate decided, and what held that axis down.
 */
export function decisive(a: Assessment): Reason[] {
  const shortAxis = a.verdict === 'defer' ? 'readiness' : 'need';
  return a.reasons.filter((r) => {
    if (r.effect.kind === 'gate') return true;
    if (r.effect.kind === 'axis') return a.gates.length === 0 && !r.effect.met && r.effect.axis === shortAxis;
    if (r.effect.kind !== 'score') return false;
    if (a.verdict === 'adopt') return r.effect.points > 0;
    return r.effect.points < 0 && r.effect.axis === shortAxis;
  });
}

/**
 * The few reasons a short report shows: the deciding ones first, topped up from the rest in the
 * assessment's order to the three every verdict carries (product.md), at most `max`. Risks have a
 * line of their own, and the scores line already says where each axis stands.
 */
export function keyReasons(a: Assessment, max: number): Reason[] {
  const first = decisive(a).slice(0, max);
  const rest = a.reasons.filter((r) => !first.includes(r) && r.effect.kind !== 'risk' && r.effect.kind !== 'axis');
  const topUp = rest.slice(0, Math.max(0, 3 - first.length));
  // Still short of three: the axis reasons say what moved each score.
  const axes = a.reasons.filter((r) => r.effect.kind === 'axis' && !first.includes(r));
  return [...first, ...topUp, ...axes].slice(0, Math.max(3, first.length));
}

/** The cheaper tools for the needs this organisation has first, then those on the table whatever the answers. */
export const needsFirst = (a: Assessment) => [...a.alternatives.filter((x) => !x.always), ...a.alternatives.filter((x) => x.always)];
