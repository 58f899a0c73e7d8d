import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterTally, imageName, kubernetesAnswers } from '../src/core/discover/kubernetes/kubernetes.js';
import { JsonItems } from '../src/core/discover/kubernetes/json-items.js';
import type { Discovered } from '../src/core/discover/types.js';
import { rubric } from './helpers.js';

const table = () => rubric().knowledge.discoverKubernetes!;
const encode = (s: string) => new TextEncoder().encode(s);

/** Feeds a text to a reader in the chunks the cut points make, and returns what it handed over. */
function split(text: string, cuts: number[]) {
  const items: { item: unknown; line: number; col: number }[] = [];
  const reader = new JsonItems('list.json', (item, line, col) => items.push({ item, line, col }));
  const bytes = encode(text);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const p of [...points, bytes.length]) {
    reader.push(bytes.subarray(from, p));
    from = p;
  }
  return { items, end: reader.end() };
}

describe('reading a kubectl List as it streams', () => {
  it('hands over each item and keeps what lies outside, however the bytes are cut', () => {
    const item = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.array(fc.string({ unit: 'grapheme', maxLength: 4 }), { maxLength: 3 })), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (items, cuts, pretty) => {
        const doc = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
        const { items: got, end } = split(JSON.stringify(doc, null, pretty ? 4 : undefined), cuts);
        expect(end.problems).toEqual([]);
        expect(got.map((g) => g.item)).toEqual(items);
        expect(end.outside).toEqual({ ...doc, items: [] });
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });

  it('keeps what it holds when the reader reuses its buffer for the next chunk', () => {
    // streamBytes reads every chunk into one Buffer, whose slice() is a view, not a copy.
    const items = Array.from({ length: 40 }, (_, i) => ({ kind: 'Pod', metadata: { name: `pod-${i}`, labels: { app: 'x'.repeat(i * 7) } } }));
    const bytes = encode(JSON.stringify({ apiVersion: 'v1', items, kind: 'List' }, null, 4));
    const got: unknown[] = [];
    const reader = new JsonItems('list.json', (item) => got.push(item));
    const buffer = Buffer.alloc(97);
    for (let at = 0; at < bytes.length; at += buffer.length) {
      const n = Math.min(buffer.length, bytes.length - at);
      buffer.set(bytes.subarray(at, at + n));
      reader.push(buffer.subarray(0, n));
      buffer.fill(0x20);
    }
    expect(reader.end().problems).toEqual([]);
    expect(got).toEqual(items);
  });

  it('places each item at its line and column', () => {
    const text = '{\n  "apiVersion": "v1",\n  "items": [\n    {"kind": "Pod"},\n    {"kind": "Node", "note": "a } and a \\" inside"}\n  ],\n  "kind": "List"\n}\n';
    const { items, end } = split(text, [7, 40, 41, 60]);
    expect(items).toEqual([
      { item: { kind: 'Pod' }, line: 4, col: 5 },
      { item: { kind: 'Node', note: 'a } and a " inside' }, line: 5, col: 5 },
    ]);
    expect(end.outside).toMatchObject({ kind: 'List' });
  });

  it('reads a document with no items as one object, and an array as its items', () => {
    expect(split('{"kind":"Deployment","metadata":{"name":"a"}}', []).end.outside).toEqual({ kind: 'Deployment', metadata: { name: 'a' } });
    const arr = split('[{"kind":"Pod"},{"kind":"Node"}]', [3]);
    expect(arr.items.map((i) => i.item)).toEqual([{ kind: 'Pod' }, { kind: 'Node' }]);
    expect(arr.end.problems).toEqual([]);
  });

  it('says where a cut-short or broken file goes wrong, once', () => {
    expect(split('{"kind":"List","items":[{"kind":"Pod"},{"kind":', []).end.problems).toEqual([
      { file: 'list.json', line: 1, col: 47, path: '', message: 'the JSON ends before everything it opens is closed', suggestion: 'the file may have been cut short; export it again' },
    ]);
    const broken = split('{"kind":"List",\n"items":[\n  {"kind": "Pod",,}]}', []);
    expect(broken.end.problems).toHaveLength(1);
    expect(broken.end.problems[0]).toMatchObject({ line: 3, col: 3, message: expect.stringMatching(/^invalid JSON in the item that starts here/) });
  });
});

const node = (labels: Record<string, string>) => ({ kind: 'Node', metadata: { name: 'n', labels } });
const pod = (ns: string, containers: string[]) => ({ kind: 'Pod', metadata: { namespace: ns, name: 'p' }, spec: { containers: containers.map((name) => ({ name, image: `${name}:1` })) } });
const deployment = (ns: string, name: string, image = `example/${name}:1.0`) => ({ kind: 'Deployment', metadata: { namespace: ns, name }, spec: { template: { spec: { containers: [{ name, image }] } } } });
const service = (ns: string, ports: { name?: string; appProtocol?: string }[]) => ({ kind: 'Service', metadata: { namespace: ns, name: 's' }, spec: { ports } });
const denyAll = (ns: string) => ({ kind: 'NetworkPolicy', metadata: { namespace: ns, name: 'default-deny' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });

function tally(source: string, objects: unknown[], live = true, exclude: string[] = []) {
  const t = new ClusterTally(source, table(), exclude);
  if (live) t.markLive();
  for (const o of objects) t.add(o);
  return t;
}
const answerOf = (answers: Discovered[], path: string) => answers.find((a) => a.path === path);

describe('what a cluster export answers', () => {
  const prod = () =>
    tally('prod.json', [
      node({ 'eks.amazonaws.com/nodegroup': 'a' }),
      node({ 'eks.amazonaws.com/nodegroup': 'b' }),
      { kind: 'DaemonSet', metadata: { namespace: 'kube-system', name: 'cilium' } },
      { kind: 'Deployment', metadata: { namespace: 'istio-system', name: 'istiod' } },
      deployment('shop', 'cart'),
      deployment('shop', 'checkout'),
      deployment('shop', 'cache', 'docker.io/library/redis:7.2-alpine'),
      deployment('payments', 'ledger'),
      deployment('kube-system', 'coredns'),
      pod('shop', ['cart', 'istio-proxy']),
      pod('shop', ['checkout', 'istio-proxy']),
      pod('payments', ['ledger']),
      pod('kube-system', ['coredns']),
      service('shop', [{ name: 'http-web' }, { name: 'grpc' }, { name: 'metrics' }]),
      service('payments', [{ appProtocol: 'kubernetes.io/h2c', name: 'tcp-x' }]),
      service('kube-system', [{ name: 'udp-dns' }]),
      denyAll('shop'),
      denyAll('payments'),
      { kind: 'Ingress', metadata: { namespace: 'shop', name: 'web' } },
    ]);

  it('answers each field it can, with the export it came from', () => {
    const { answers } = kubernetesAnswers([prod()], table());
    expect(Object.fromEntries(answers.map((a) => [a.path, a.value]))).toEqual({
      'kubernetes.in_use': true,
      'kubernetes.clusters': 1,
      'kubernetes.pods': 3,
      'kubernetes.nodes': 2,
      'kubernetes.provider': 'eks',
      'kubernetes.hosting': 'managed',
      'kubernetes.network_policy': 'default-deny',
      'existing.mesh': 'istio',
      'existing.ingress': 'ingress',
      'kubernetes.cni': 'cilium',
      'services.count': 3,
      'services.protocols': ['http', 'grpc'],
    });
    for (const a of answers) expect(a.evidence.every((e) => e.source === 'prod.json' && e.summary.length > 0), a.path).toBe(true);
    expect(answerOf(answers, 'existing.mesh')!.evidence[0]!.summary).toBe('2 application pods of 3 carry its proxy; its own workloads: istio-system/istiod');
    expect(answerOf(answers, 'services.count')!.evidence[0]!.summary).toBe('4 Deployments and StatefulSets in 2 application namespaces, one of them a data store by its image (redis)');
  });

  it('says what it could not use', () => {
    const { notes } = kubernetesAnswers([prod()], table());
    expect(notes).toContain('One workload runs a data store or broker by its image and is not counted as services: shop/cache.');
    expect(notes.some((n) => n.startsWith('1 Service port names no protocol'))).toBe(true);
  });

  it('counts a service deployed to two clusters once, and sums pods and nodes', () => {
    const { answers } = kubernetesAnswers([prod(), tally('dr.json', [node({ 'eks.amazonaws.com/nodegroup': 'a' }), deployment('shop', 'cart'), pod('shop', ['cart'])])], table());
    expect(answerOf(answers, 'services.count')!.value).toBe(3);
    expect(answerOf(answers, 'kubernetes.clusters')!.value).toBe(2);
    expect(answerOf(answers, 'kubernetes.nodes')!.value).toBe(3);
    expect(answerOf(answers, 'kubernetes.pods')!.value).toBe(4);
    expect(answerOf(answers, 'services.count')!.evidence.map((e) => e.source)).toEqual(['prod.json', 'dr.json']);
  });

  it('leaves the provider to the reader when clusters run in different places', () => {
    const r = kubernetesAnswers([prod(), tally('gke.json', [node({ 'cloud.google.com/gke-nodepool': 'p' })])], table());
    expect(answerOf(r.answers, 'kubernetes.provider')).toBeUndefined();
    expect(r.notes.some((n) => n.startsWith('The clusters run in different places (prod.json: eks; gke.json: gke)'))).toBe(true);
  });

  it('reads NetworkPolicy as some where one application namespace lacks a default deny, and none where there is none', () => {
    const some = tally('a.json', [deployment('shop', 'cart'), deployment('pay', 'ledger'), denyAll('shop'), pod('shop', ['cart'])]);
    expect(answerOf(kubernetesAnswers([some], table()).answers, 'kubernetes.network_policy')!.value).toBe('some');
    const none = tally('b.json', [deployment('shop', 'cart'), pod('shop', ['cart'])]);
    expect(answerOf(kubernetesAnswers([none], table()).answers, 'kubernetes.network_policy')!.value).toBe('none');
    const allowing = tally('c.json', [deployment('shop', 'cart'), { ...denyAll('shop'), spec: { podSelector: {}, ingress: [{}] } }]);
    expect(answerOf(kubernetesAnswers([allowing], table()).answers, 'kubernetes.network_policy')!.value).toBe('some');
  });

  it('says no mesh runs only where it saw every pod, and never from manifests', () => {
    expect(answerOf(kubernetesAnswers([tally('a.json', [deployment('shop', 'cart'), pod('shop', ['cart'])])], table()).answers, 'existing.mesh')!.value).toBe('none');
    const manifests = kubernetesAnswers([tally('app.yaml', [deployment('shop', 'cart'), service('shop', [{ name: 'http' }])], false)], table());
    expect(manifests.answers.map((a) => a.path)).toEqual(['kubernetes.in_use', 'services.count', 'services.protocols']);
    expect(manifests.notes.some((n) => n.startsWith('Rendered manifests (app.yaml) count toward services'))).toBe(true);
  });

  it('counts versions of one service, by their app label, as one service', () => {
    const versioned = (v: string) => ({ ...deployment('shop', `reviews-${v}`), spec: { template: { metadata: { labels: { app: 'reviews', version: v } }, spec: { containers: [{ name: 'r', image: 'reviews:1' }] } } } });
    const r = kubernetesAnswers([tally('a.yaml', [versioned('v1'), versioned('v2'), versioned('v3'), deployment('shop', 'ratings')], false)], table());
    expect(answerOf(r.answers, 'services.count')!.value).toBe(2);
    expect(answerOf(r.answers, 'services.count')!.evidence[0]!.summary).toBe('4 Deployments and StatefulSets in 1 application namespace run as 2 services by their app label');
  });

  it('leaves out the namespaces it is told to, beside the table\'s', () => {
    const t = tally('a.json', [deployment('shop', 'cart'), deployment('tools', 'jenkins'), pod('tools', ['jenkins'])], true, ['tools']);
    expect(answerOf(kubernetesAnswers([t], table()).answers, 'services.count')!.value).toBe(1);
  });

  it('never reads a Secret beyond its kind', () => {
    const secret = new Proxy({ kind: 'Secret' } as Record<string, unknown>, {
      get: (o, k) => {
        if (k !== 'kind') throw new Error(`read ${String(k)} of a Secret`);
        return o[k as string];
      },
    });
    const r = kubernetesAnswers([tally('a.json', [secret, deployment('shop', 'cart')])], table());
    expect(r.notes).toContain('1 Secret skipped unread.');
  });

  it('reads an image name as its repository, without registry, tag or digest', () => {
    expect(imageName('docker.io/library/redis:7.2-alpine')).toBe('redis');
    expect(imageName('ghcr.io/org/team/Postgres@sha256:abc')).toBe('postgres');
    expect(imageName('localhost:5000/cart')).toBe('cart');
  });
});
