import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessText, examples } from './helpers.js';

const assessed = (file: string) => assessText(readFileSync(file, 'utf8'));

/** What each shipped example is there to show; its header comment says the same in words. */
const SHOWS: Record<string, { verdict: string; mesh: string; firstUseCase?: string; alternative?: string; risk?: string }> = {
  'examples/acme-payments.yaml': { verdict: 'adopt', mesh: 'linkerd', firstUseCase: 'mtls-two-services', risk: 'strict-mtls-too-early' },
  'examples/streaming-latency.yaml': { verdict: 'adopt', mesh: 'istio-sidecar', firstUseCase: 'canary-one-service', risk: 'latency-budget-tight' },
  'examples/kubernetes-immature.yaml': { verdict: 'defer', mesh: 'linkerd', alternative: 'platform-maturity-first' },
  'examples/no-platform-team.yaml': { verdict: 'defer', mesh: 'linkerd', alternative: 'ownership-first' },
  'examples/no-standing-budget.yaml': { verdict: 'defer', mesh: 'linkerd', alternative: 'canary-at-the-gateway' },
  'examples/edge-only.yaml': { verdict: 'alternative', mesh: 'linkerd', alternative: 'gateway-at-the-edge' },
  'examples/startup-monolith.yaml': { verdict: 'alternative', mesh: 'gcp-cloud-service-mesh', alternative: 'handful-of-services' },
  'examples/minimal.yaml': { verdict: 'alternative', mesh: 'linkerd', alternative: 'shared-libraries-and-gateway' },
  'examples/mixed-style.yaml': { verdict: 'defer', mesh: 'gcp-cloud-service-mesh' },
};

describe('the shipped examples', () => {
  it('are all described here', () => {
    expect(Object.keys(SHOWS).sort()).toEqual(examples().sort());
  });

  it.each(Object.entries(SHOWS))('%s shows what its header says', (file, shows) => {
    const a = assessed(file);
    expect(a.verdict).toBe(shows.verdict);
    expect(a.recommendation?.mesh).toBe(shows.mesh);
    if (shows.firstUseCase) expect(a.rollout.find((p) => p.use_case)?.use_case?.id).toBe(shows.firstUseCase);
    if (shows.alternative) expect(a.alternatives.map((x) => x.id)).toContain(shows.alternative);
    if (shows.risk) expect(a.risks.map((x) => x.rule)).toContain(shows.risk);
  });

  it('each differ from every other in recommendation, alternatives or risks', () => {
    const signatures = examples().map((f) => {
      const a = assessed(f);
      return JSON.stringify([a.recommendation?.mesh, a.alternatives.map((x) => x.id), a.risks.map((x) => x.rule)]);
    });
    expect(new Set(signatures).size).toBe(signatures.length);
  });
});
