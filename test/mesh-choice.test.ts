import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { assess } from '../src/core/decision/assess.js';
import { costOf, modelledTotal } from '../src/core/knowledge/cost.js';
import { perHopMs } from '../src/core/knowledge/mesh-figures.js';
import { chooseMesh, leastMesh, covers as meshCovers, needsL7, requiredFeatures } from '../src/core/knowledge/mesh-choice.js';
import { statusOfLabel } from '../src/core/knowledge/maturity.js';
import { loadQuestionnaire, type Override } from '../src/core/questionnaire/load.js';
import { questionnaire } from './arbitraries.js';
import type { MeshCatalogue } from '../src/core/knowledge/schema.js';
import type { Value } from '../src/core/questionnaire/derive.js';
import { acme, neutral, variant, yamlOf } from './fixtures.js';
import { assessText, rubric } from './helpers.js';

const recommend = (changes: Record<string, unknown>, base = neutral()) => assessText(yamlOf(variant(base, changes))).recommendation!;
const catalogue = () => rubric().knowledge.meshes!;
const weightOf = (id: string | null) => catalogue().meshes.find((m) => m.id === id)!.operating_weight;
const covers = (id: string | null, features: string[]) => features.every((f) => meshCovers(catalogue().meshes.find((m) => m.id === id)!, f));

describe('the least mesh that meets the requirements', () => {
  it('mTLS and golden metrics only: a light mesh', () => {
    const r = recommend({ 'security.mandate': 'required', 'observability.metrics': 'per-team', kubernetes: { hosting: 'self-managed' } });
    expect(r.required_features.map((f) => f.id)).toEqual(['mtls']);
    expect(r.mesh).toBe('linkerd');
    expect(weightOf(r.mesh)).toBeLessThanOrEqual(2);
  });

  it('header routing, fault injection and VM workloads: a full-featured mesh', () => {
    const r = recommend({ 'traffic.header_routing': true, 'traffic.fault_injection': true, 'kubernetes.non_kubernetes_workloads': true });
    expect(r.required_features.map((f) => f.id)).toEqual(['header-routing', 'fault-injection', 'vm-workloads']);
    expect(covers(r.mesh, ['header-routing', 'fault-injection', 'vm-workloads'])).toBe(true);
    expect(weightOf(r.mesh)).toBeGreaterThanOrEqual(4);
    expect(r.considered.find((m) => m.id === 'linkerd')).toMatchObject({ status: 'lacks-features', missing: ['fault-injection'] });
  });

  it('Cilium as the CNI: Cilium is considered, and the CNI already in place makes it the least mesh', () => {
    const other = recommend({ 'traffic.canary': 'wanted', 'kubernetes.cni': 'calico', 'kubernetes.pods': 200 });
    const cilium = recommend({ 'traffic.canary': 'wanted', 'kubernetes.cni': 'Cilium 1.16', 'kubernetes.pods': 200 });
    const without = other.considered.find((m) => m.id === 'cilium')!;
    expect(without.adjustments.join(' ')).toMatch(/replacing the cluster network/);
    expect(cilium.considered.find((m) => m.id === 'cilium')!.score).toBe(without.score! - 2);
    expect(other.mesh).toBe('linkerd');
    expect(cilium.mesh).toBe('cilium');
  });

  it('mandated mTLS never gets Cilium, whose mutual authentication is deprecated, even where it is the CNI', () => {
    for (const mandate of ['required', 'planned']) {
      for (const clusters of [1, 2, 6]) {
        const r = recommend({ 'security.mandate': mandate, 'kubernetes.cni': 'cilium', 'kubernetes.clusters': clusters, 'existing.mesh': 'cilium' }, acme());
        expect(r.mesh).not.toBe('cilium');
        expect(r.considered.find((m) => m.id === 'cilium')).toMatchObject({ status: 'lacks-features' });
        expect(r.considered.find((m) => m.id === 'cilium')!.why_not).toContain('mtls (deprecated)');
      }
    }
  });

  it('a feature that is beta, deprecated, enterprise-only or unsupported never satisfies a requirement', () => {
    for (const m of catalogue().meshes) {
      for (const [feature, fact] of Object.entries(m.features)) expect(meshCovers(m, feature)).toBe(fact.status === 'ga');
    }
    // Consul's fault injection needs Consul Enterprise; ambient's is a preview.
    const r = recommend({ 'traffic.fault_injection': true, 'kubernetes.non_kubernetes_workloads': true, 'kubernetes.clusters': 1 });
    expect(r.considered.find((m) => m.id === 'consul')!.why_not).toContain('fault-injection (commercial edition only)');
    expect(r.considered.find((m) => m.id === 'istio-ambient')!.why_not).toMatch(/fault-injection \(not yet production-ready\)/);
  });

  it('a platform team of one or two on GKE or AKS: that provider\'s managed offering', () => {
    for (const engineers of [1, 2]) {
      const gke = recommend({ 'security.mandate': 'required', 'platform_team.engineers': engineers, 'kubernetes.hosting': 'managed', 'kubernetes.provider': 'gke', 'kubernetes.clusters': 1 });
      expect(gke.mesh).toBe('gcp-cloud-service-mesh');
      expect(gke.why.join(' ')).toContain(`With ${engineers} platform ${engineers === 1 ? 'engineer' : 'engineers'}, letting`);
      const aks = recommend({ 'security.mandate': 'required', 'platform_team.engineers': engineers, 'kubernetes.hosting': 'managed', 'kubernetes.provider': 'aks', 'kubernetes.clusters': 1 });
      expect(aks.mesh).toBe('aks-istio-addon');
    }
    expect(recommend({ 'security.mandate': 'required', 'platform_team.engineers': 6, 'kubernetes.hosting': 'managed', 'kubernetes.provider': 'gke' }).mesh).toBe('linkerd');
  });

  it('EKS, other providers and an unknown provider get no managed Istio', () => {
    for (const provider of ['eks', 'openshift', 'on-prem', 'other', undefined]) {
      const r = recommend({ 'security.mandate': 'required', 'platform_team.engineers': 1, 'kubernetes.hosting': 'managed', 'kubernetes.provider': provider, 'kubernetes.clusters': 1 });
      expect(r.mesh).not.toMatch(/gcp-|aks-/);
      expect(r.considered.find((m) => m.id === 'gcp-cloud-service-mesh')).toMatchObject({ status: 'unavailable', why_not: 'Only available where kubernetes.provider is gke.' });
      expect(r.considered.find((m) => m.id === 'aks-istio-addon')?.status).toBe('unavailable');
    }
  });

  it('AKS with several clusters never gets the AKS add-on, which does not support multi-cluster', () => {
    for (const clusters of [2, 3, 10]) {
      const r = recommend({ 'platform_team.engineers': 1, 'kubernetes.hosting': 'managed', 'kubernetes.provider': 'aks', 'kubernetes.clusters': clusters });
      expect(r.mesh).not.toBe('aks-istio-addon');
      expect(r.considered.find((m) => m.id === 'aks-istio-addon')!.why_not).toContain('multi-cluster (not supported)');
    }
  });

  it('a managed offering is not a candidate on self-managed clusters', () => {
    const r = recommend({ 'platform_team.engineers': 1, 'kubernetes.hosting': 'self-managed' });
    expect(r.considered.find((m) => m.id === 'gcp-cloud-service-mesh')?.status).toBe('unavailable');
  });

  it('ties go by the seeds\' preferences, not by catalogue order, and the reason is given', () => {
    // 5,000 pods new to meshes: ambient (3, less 1 for the pods) ties with Linkerd (2).
    const r = recommend({ 'traffic.canary': 'wanted', 'kubernetes.pods': 5000, 'kubernetes.clusters': 1, 'kubernetes.cni': 'calico' });
    expect(r.mesh).toBe('istio-ambient');
    expect(r.why.join(' ')).toMatch(/ties with Linkerd \(score 2\): .*proxy per node/);
    expect(r.considered.find((m) => m.id === 'linkerd')!.why_not).toMatch(/ties with Istio \(ambient mode\) \(score 2\)/);
    const reversed = { ...catalogue(), meshes: [...catalogue().meshes].reverse() };
    const answers = new Map<string, Value>([['traffic.canary', 'wanted'], ['kubernetes.pods', 5000], ['kubernetes.clusters', 1], ['kubernetes.cni', 'calico']]);
    expect(chooseMesh(reversed, answers).mesh).toBe('istio-ambient');
    expect(chooseMesh({ ...catalogue(), tie_breaks: [] }, answers).mesh).toBe('linkerd');
  });

  it('an existing mesh counts', () => {
    const istio = recommend({ 'existing.mesh': 'istio', 'traffic.canary': 'required' });
    expect(istio.mesh).toMatch(/^istio-/);
    expect(istio.why.join(' ')).toMatch(/operating weight \d of 5, -?\d after the adjustments below/);
    expect(istio.why.join(' ')).toMatch(/Istio already runs here/);
    expect(recommend({ 'existing.mesh': 'kuma' }).mesh).toBe('kuma');
  });

  it('many pods and no need for multi-cluster or VMs: ambient mode', () => {
    const r = recommend({ 'traffic.header_routing': true, 'kubernetes.pods': 5000, 'kubernetes.clusters': 1 });
    expect(r.mesh).toBe('istio-ambient');
    expect(r.data_plane).toBe('per-node');
  });

  it('never recommends AWS App Mesh, which reached end of support on 2026-09-30', () => {
    const r = recommend({ 'kubernetes.hosting': 'managed', 'kubernetes.provider': 'eks', 'platform_team.engineers': 1 }, acme());
    expect(r.mesh).not.toBe('aws-app-mesh');
    expect(r.considered.find((m) => m.id === 'aws-app-mesh')).toMatchObject({ status: 'end-of-support', why_not: 'Out of support since 2026-09-30.' });
  });

  it('says so when no mesh covers the requirements', () => {
    const cat: MeshCatalogue = { ...catalogue(), meshes: catalogue().meshes.filter((m) => !meshCovers(m, 'fault-injection')) };
    const r = chooseMesh(cat, new Map<string, Value>([['traffic.fault_injection', true]]));
    expect(r.mesh).toBeNull();
    expect(r.why[0]).toContain('fault-injection');
  });

  it('explains every mesh it did not pick', () => {
    for (const m of recommend({}, acme()).considered) {
      if (m.status === 'recommended') expect(m.why_not).toBe('');
      else expect(m.why_not.length).toBeGreaterThan(10);
    }
  });
});

describe('a mesh is ranked on the figures it is priced by', () => {
  const model = () => rubric().knowledge.cost!;
  const mid = (r: readonly number[]) => (r[0]! + r[1]!) / 2;
  /** Each mesh that covers the requirements, with what the cost model says it costs here and adds to a hop. */
  function priced(text: string, overrides: Override[] = []) {
    const q = loadQuestionnaire('q.yaml', text, overrides);
    if (!q.ok) throw new Error(JSON.stringify(q.problems));
    const a = assess(q.value, rubric());
    const l7 = needsL7(requiredFeatures(catalogue(), q.value.answers));
    const covering = a.recommendation!.considered
      .filter((o) => o.status === 'recommended' || o.status === 'eligible')
      .map((o) => {
        const mesh = catalogue().meshes.find((m) => m.id === o.id)!;
        const total = costOf(model(), mesh, l7, q.value.answers).money.usd_per_year;
        // The choice compares the same total the cost section prints.
        expect(modelledTotal(model(), mesh, q.value.answers)).toEqual(total);
        return { id: o.id, status: o.status, total, hop: perHopMs(mesh, l7, model()) };
      });
    return { a, covering };
  }

  it('acme-payments on one cluster with 40 ms over 4 hops: the cheaper and faster mesh, with the per-mode figures shown', () => {
    const { a, covering } = priced(yamlOf(acme()), [
      { path: 'traffic.latency_budget_ms', value: '40' },
      { path: 'services.call_depth', value: '4' },
      { path: 'kubernetes.clusters', value: '1' },
    ]);
    const best = covering.find((c) => c.status === 'recommended')!;
    expect(best.id).toBe('istio-ambient');
    // The cheapest of the meshes that meet the requirements, by the model's yearly total.
    for (const c of covering) expect(mid(best.total!)).toBeLessThanOrEqual(mid(c.total!));
    // Each kind of proxy at its own figure, and the mesh passed over said to be dearer and slower, with both figures.
    expect(a.cost!.assumptions.join(' ')).toMatch(/2 node-level layer 4 proxies at 0\.05-0\.25 ms each .* and 1 shared layer 7 proxy at 0\.5-1\.5 ms each/);
    expect(a.cost!.latency).toMatchObject({ proxies_per_hop: 3, call_depth: 4, added_ms: [2.4, 8], budget_ms: 40 });
    const linkerd = a.recommendation!.considered.find((o) => o.id === 'linkerd')!;
    expect(linkerd.why_not).toMatch(/^Covers the requirements, but Istio \(ambient mode\) costs less here \(US\$[\d,]+-[\d,]+ against US\$[\d,]+-[\d,]+ a year\) and adds less latency a hop \(0\.6-2 against 1-3 ms\)\.$/);
    expect(a.recommendation!.why.join(' ')).toContain('Linkerd is as light or lighter to operate (score 2), but Istio (ambient mode) costs less here');
  });

  it('people are priced by the operating weight the choice ranked the mesh by', () => {
    // A team of two on GKE: the managed mesh, its weight lowered for the provider's control plane.
    const { a } = priced(yamlOf(acme()), [
      { path: 'kubernetes.provider', value: 'gke' },
      { path: 'platform_team.engineers', value: '2' },
    ]);
    const chosen = a.recommendation!.considered.find((o) => o.status === 'recommended')!;
    expect(chosen.score).toBeLessThan(chosen.operating_weight);
    const fte = model().people_fte.by_weight[Math.max(1, chosen.score!) - 1]!;
    expect(a.cost!.people.fte).toEqual(fte);
  });

  it('the recommended mesh is never dearer and slower than another that meets the same requirements', () => {
    let compared = 0;
    fc.assert(
      fc.property(questionnaire, (data) => {
        const { covering } = priced(stringify(data));
        const best = covering.find((c) => c.status === 'recommended');
        if (!best?.total) return;
        for (const c of covering) {
          if (!c.total || c === best) continue;
          compared++;
          expect(mid(c.total) < mid(best.total) && mid(c.hop) < mid(best.hop), `${c.id} beats ${best.id}`).toBe(false);
        }
      }),
      { numRuns: 300, seed: 20261206 },
    );
    // The property was tried on profiles with rivals priced, not passed for want of them.
    expect(compared).toBeGreaterThan(100);
  });
});

describe('a mesh in place that is out of support or archived', () => {
  it.each([
    ['aws-app-mesh', 'existing-app-mesh-unsupported', /AWS ended its support on 30 September 2026/],
    ['open-service-mesh', 'existing-osm-archived', /archived by the CNCF in July 2023/],
  ])('existing.mesh: %s is named as a risk with the way out, whatever the verdict', (mesh, rule, says) => {
    for (const base of [acme(), neutral()]) {
      const a = assessText(yamlOf(variant(base, { 'existing.mesh': mesh })));
      const risk = a.risks.find((r) => r.rule === rule);
      expect(risk?.message, `${mesh} on ${a.verdict}`).toMatch(says);
      expect(risk?.mitigation).toMatch(/Plan the move/);
      // Never recommended as the mesh to run.
      expect(a.recommendation?.mesh).not.toBe(mesh);
    }
  });
});

describe("the catalogue reads each project's words by one rule", () => {
  it('every label in the catalogue reads as the status it is filed under, and Istio Beta is beta', () => {
    const cat = catalogue();
    let labelled = 0;
    for (const m of cat.meshes) {
      for (const [id, fact] of Object.entries(m.features)) {
        if (!fact.label) continue;
        labelled++;
        expect(statusOfLabel(cat.maturity!, fact.label), `${m.id} ${id}`).toBe(fact.status);
      }
    }
    expect(labelled).toBeGreaterThan(10);
    expect(statusOfLabel(cat.maturity!, 'Beta')).toBe('beta');
    expect(statusOfLabel(cat.maturity!, 'beta, deprecated in 1.20')).toBe('deprecated');
    expect(statusOfLabel(cat.maturity!, 'Technology Preview')).toBe('beta');
    expect(statusOfLabel(cat.maturity!, 'Stable')).toBe('ga');
    // Whole words only: "stable" inside "unstable" is no stage word.
    expect(statusOfLabel(cat.maturity!, 'unstable')).toBeNull();
  });

  it("an organisation new to meshes that needs one across clusters never gets Istio on features Istio itself calls Beta", () => {
    for (const clusters of [2, 5, 12]) {
      const r = recommend({ 'traffic.fault_injection': true, 'kubernetes.clusters': clusters, 'existing.mesh': 'none' });
      expect(r.mesh).not.toMatch(/^istio-/);
      expect(r.considered.find((m) => m.id === 'istio-sidecar')!.why_not).toContain('multi-cluster (not yet production-ready)');
    }
  });

  it('an organisation already on Istio keeps it, and hears which features it relies on before their GA', () => {
    const r = recommend({ 'traffic.fault_injection': true, 'kubernetes.clusters': 12, 'existing.mesh': 'istio' });
    expect(r.mesh).toBe('istio-sidecar');
    const why = r.why.join(' ');
    expect(why).toContain('multi-cluster (Beta): not yet production-ready by its project\'s own word, but it counts because Istio (sidecar mode) already runs here.');
    expect(why).not.toContain('each documented as ready for production');
    // Running Istio does not lend its Beta features to another mesh, nor make ambient's count.
    expect(r.considered.find((m) => m.id === 'istio-ambient')!.status).toBe('lacks-features');
  });

  it('a preview offering is listed and never recommended, whatever the answers', () => {
    const aks = { 'kubernetes.hosting': 'managed', 'kubernetes.provider': 'aks', 'platform_team.engineers': 1, 'kubernetes.clusters': 1 };
    for (const extra of [{}, { 'kubernetes.pods': 5000 }, { 'platform_team.mesh_experience': 'none' }, { 'traffic.header_routing': true }]) {
      const r = recommend({ ...aks, ...extra });
      expect(r.mesh).not.toBe('azure-application-network');
      const option = r.considered.find((m) => m.id === 'azure-application-network')!;
      expect(option.status).toBe('preview');
      expect(option.why_not).toMatch(/^In preview \(Preview\), so not recommended for production: /);
    }
    // Elsewhere it is simply not available.
    expect(recommend({ 'kubernetes.provider': 'gke' }).considered.find((m) => m.id === 'azure-application-network')!.status).toBe('unavailable');
  });

  it('OpenShift gets OpenShift Service Mesh among its candidates, which covers multi-cluster as Red Hat supports it', () => {
    const want = { 'traffic.fault_injection': true, 'kubernetes.clusters': 3, 'kubernetes.non_kubernetes_workloads': false };
    const open = recommend({ ...want, 'kubernetes.provider': 'openshift' });
    expect(open.considered.find((m) => m.id === 'openshift-service-mesh')!.status).toMatch(/^(recommended|eligible)$/);
    expect(recommend({ ...want, 'kubernetes.provider': 'eks' }).considered.find((m) => m.id === 'openshift-service-mesh')!.status).toBe('unavailable');
    // An OpenShift estate already on Istio stays on Istio, with Red Hat's support.
    expect(recommend({ ...want, 'kubernetes.provider': 'openshift', 'existing.mesh': 'istio' }).mesh).toBe('openshift-service-mesh');
  });

  it('authorization and traffic needs are read from the answers the questionnaire has', () => {
    const ids = (changes: Record<string, unknown>) => recommend(changes).required_features.map((f) => f.id);
    expect(ids({ 'security.service_authz': 'per-service' })).toContain('authz-policy');
    expect(ids({ 'security.service_authz': 'central' })).not.toContain('authz-policy');
    expect(ids({ 'traffic.canary': 'wanted' })).toEqual(expect.arrayContaining(['weighted-routing']));
    expect(ids({ 'traffic.canary': 'wanted' })).not.toContain('header-routing');
    expect(ids({ 'traffic.header_routing': true })).toContain('header-routing');
    expect(ids({ 'traffic.mirroring': true })).toContain('traffic-mirroring');
  });

  it('mirroring sends an organisation past Linkerd, whose routes cannot mirror (seed 001: its traffic splitting is basic)', () => {
    const r = recommend({ 'traffic.mirroring': true, 'kubernetes.clusters': 1 });
    expect(r.mesh).not.toBe('linkerd');
    expect(meshCovers(catalogue().meshes.find((m) => m.id === r.mesh)!, 'traffic-mirroring')).toBe(true);
    expect(r.considered.find((m) => m.id === 'linkerd')!.why_not).toContain('traffic-mirroring (not supported)');
  });
});

describe('the mesh the search prices is the mesh the report recommends', () => {
  // The overhead the latency rules read comes from leastMesh(), which judges only the meshes that
  // can be recommended; the report's recommendation comes from chooseMesh(), which judges them
  // all. Were they to part, a rule would read the overhead of a mesh the report does not name.
  it('on random questionnaires', () => {
    let named = 0;
    fc.assert(
      fc.property(questionnaire, (data) => {
        const q = loadQuestionnaire('q.yaml', stringify(data));
        if (!q.ok) return;
        const cat = catalogue();
        const model = rubric().knowledge.cost!;
        const chosen = chooseMesh(cat, q.value.answers, model).mesh;
        if (chosen) named++;
        expect(leastMesh(cat, q.value.answers, requiredFeatures(cat, q.value.answers), model)?.id ?? null).toBe(chosen);
      }),
      { numRuns: 300, seed: 20261207 },
    );
    // Tried on questionnaires with a mesh to recommend, not passed for want of them.
    expect(named).toBeGreaterThan(100);
  });
});
