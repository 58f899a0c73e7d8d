import { visible } from '../../text/safe-text.js';
import type { KubernetesTable } from './kubernetes-table.js';
import type { Discovered, Evidence, SourceReport } from '../types.js';

/**
 * What `discover --kube` learns from one cluster's objects: the output of `kubectl get ... -o json`
 * (a List, read while it streams, so a tally keeps counts and names, never the objects) or
 * rendered manifests. Only the fields named here are read; Secrets are skipped on their kind alone.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const at = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);

/** The kinds that run an organisation's service, one workload each. */
const SERVICE_WORKLOADS = new Set(['Deployment', 'StatefulSet']);
const GATEWAY_API = 'gateway.networking.k8s.io/';

/** The repository name of an image: `ghcr.io/org/redis:7.2@sha256:...` is `redis`. */
export function imageName(image: string): string {
  const path = image.split('@')[0]!;
  const last = path.split('/').pop()!;
  return last.split(':')[0]!.toLowerCase();
}

/** A NetworkPolicy that selects every pod of its namespace and allows no ingress: default deny. */
function deniesAllIngress(policy: unknown): boolean {
  const selector = at(policy, 'spec', 'podSelector');
  const selectsAll = isObj(selector) && Object.keys(selector).every((k) => (k === 'matchLabels' || k === 'matchExpressions') && (isObj(selector[k]) ? Object.keys(selector[k] as Obj).length === 0 : list(selector[k]).length === 0));
  const types = list(at(policy, 'spec', 'policyTypes'));
  const ingress = at(policy, 'spec', 'ingress');
  // With no policyTypes, a policy is an ingress policy (Kubernetes: NetworkPolicy resource).
  const forIngress = types.length === 0 || types.includes('Ingress');
  return selectsAll && forIngress && list(ingress).length === 0;
}

/** The counts and names one cluster's objects add up to. */
export class ClusterTally {
  /** Objects read, by kind. */
  readonly kinds = new Map<string, number>();
  /** Whether the input is a live cluster's export (a kubectl List), rather than desired state. */
  live = false;
  nodes = 0;
  readonly providers = new Map<string, number>();
  pods = 0;
  appPods = 0;
  readonly appPodNamespaces = new Set<string>();
  /** Application pods that carry each mesh's sidecar. */
  readonly meshPods = new Map<string, number>();
  /** Workloads of a mesh's own, by mesh, as namespace/name. */
  readonly meshWorkloads = new Map<string, Set<string>>();
  readonly cnis = new Set<string>();
  /** Application services, namespace/service -> the data store its images all are, or null; see serviceOf. */
  readonly workloads = new Map<string, string | null>();
  /** How many Deployments and StatefulSets those services run as. */
  workloadCount = 0;
  readonly protocols = new Map<string, number>();
  unnamedPorts = 0;
  readonly policies = new Map<string, { any: boolean; denyAll: boolean }>();
  ingresses = 0;
  gateways = 0;

  private readonly excluded: (ns: string) => boolean;
  private readonly sidecarOf = new Map<string, string>();
  private readonly workloadOf = new Map<string, string>();
  private readonly cniOf = new Map<string, string>();
  private readonly protocolOf = new Map<string, string>();
  private readonly backing: Set<string>;

  constructor(
    readonly source: string,
    private readonly table: KubernetesTable,
    exclude: readonly string[] = [],
  ) {
    const names = new Set([...table.excluded_namespaces.flatMap((e) => e.names ?? []), ...exclude]);
    const prefixes = table.excluded_namespaces.flatMap((e) => e.prefixes ?? []);
    this.excluded = (ns) => names.has(ns) || prefixes.some((p) => ns.startsWith(p));
    for (const m of table.meshes) {
      for (const c of m.sidecars) this.sidecarOf.set(c, m.mesh);
      for (const w of m.workloads) this.workloadOf.set(w, m.mesh);
    }
    for (const c of table.cnis) for (const d of c.daemonsets) this.cniOf.set(d, c.cni);
    for (const [p, words] of Object.entries(table.protocols.names)) for (const w of words ?? []) this.protocolOf.set(w.toLowerCase(), p);
    this.backing = new Set(table.backing_images.names);
  }

  /** Reads one object; anything but the fields this tally counts is left unread. */
  add(o: unknown): void {
    const kind = str(at(o, 'kind'));
    if (!kind) return;
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    if (kind === 'Secret') return;
    const ns = str(at(o, 'metadata', 'namespace')) ?? 'default';
    const name = str(at(o, 'metadata', 'name')) ?? '';
    const app = !this.excluded(ns);
    const api = str(at(o, 'apiVersion')) ?? '';
    if (kind === 'Node') {
      this.nodes++;
      this.live = true;
      const labels = at(o, 'metadata', 'labels');
      const p = this.table.providers.find((x) => x.node_labels.some((l) => isObj(labels) && l in labels));
      if (p) this.providers.set(p.provider, (this.providers.get(p.provider) ?? 0) + 1);
    } else if (kind === 'Pod') {
      this.live = true;
      this.pods++;
      if (!app) return;
      this.appPods++;
      this.appPodNamespaces.add(ns);
      const containers = [...list(at(o, 'spec', 'containers')), ...list(at(o, 'spec', 'initContainers'))].map((c) => str(at(c, 'name')));
      const meshes = new Set(containers.flatMap((c) => (c && this.sidecarOf.has(c) ? [this.sidecarOf.get(c)!] : [])));
      for (const m of meshes) this.meshPods.set(m, (this.meshPods.get(m) ?? 0) + 1);
    } else if (SERVICE_WORKLOADS.has(kind) || kind === 'DaemonSet') {
      const mesh = this.workloadOf.get(name);
      if (mesh) this.meshWorkloads.set(mesh, (this.meshWorkloads.get(mesh) ?? new Set()).add(`${ns}/${name}`));
      if (kind === 'DaemonSet') {
        const cni = this.cniOf.get(name);
        if (cni) this.cnis.add(cni);
        return;
      }
      if (!app || mesh) return;
      const images = list(at(o, 'spec', 'template', 'spec', 'containers')).map((c) => str(at(c, 'image'))).filter((i): i is string => i !== undefined).map(imageName);
      const store = images.length > 0 && images.every((i) => this.backing.has(i)) ? images[0]! : null;
      const labels = at(o, 'spec', 'template', 'metadata', 'labels') ?? at(o, 'metadata', 'labels');
      const service = this.table.service_labels.names.map((l) => str(at(labels, l))).find((v) => v !== undefined) ?? name;
      this.workloads.set(`${ns}/${service}`, store);
      this.workloadCount++;
    } else if (kind === 'Service') {
      if (!app) return;
      for (const port of list(at(o, 'spec', 'ports'))) {
        const named = str(at(port, 'appProtocol')) ?? str(at(port, 'name'));
        const protocol = named ? (this.protocolOf.get(named.toLowerCase()) ?? this.protocolOf.get(named.toLowerCase().split('-')[0]!)) : undefined;
        if (protocol) this.protocols.set(protocol, (this.protocols.get(protocol) ?? 0) + 1);
        else this.unnamedPorts++;
      }
    } else if (kind === 'NetworkPolicy') {
      const p = this.policies.get(ns) ?? { any: false, denyAll: false };
      this.policies.set(ns, { any: true, denyAll: p.denyAll || deniesAllIngress(o) });
    } else if (kind === 'Ingress') {
      this.ingresses++;
    } else if (api.startsWith(GATEWAY_API) && (kind === 'Gateway' || kind.endsWith('Route'))) {
      this.gateways++;
    }
  }

  /** Marks the input as a live cluster's export: kubectl prints a List. */
  markLive(): void {
    this.live = true;
  }

  /** The namespaces that run the organisation's services. */
  appNamespaces(): string[] {
    const fromWorkloads = [...this.workloads.keys()].map((k) => k.split('/')[0]!);
    return [...new Set([...fromWorkloads, ...this.appPodNamespaces])].sort();
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const countsOf = (t: ClusterTally, kinds: readonly string[]): Record<string, number> =>
  Object.fromEntries(kinds.filter((k) => t.kinds.has(k)).map((k) => [k, t.kinds.get(k)!]));
const sum = (ts: readonly ClusterTally[], f: (t: ClusterTally) => number) => ts.reduce((n, t) => n + f(t), 0);

/** The answers a set of clusters gives, each with the clusters it rests on, and what could not be used. */
export function kubernetesAnswers(tallies: readonly ClusterTally[], table: KubernetesTable): SourceReport {
  const answers: Discovered[] = [];
  const notes: string[] = [];
  const answer = (path: string, value: unknown, evidence: Evidence[]) => answers.push({ path, value, evidence });
  const ev = (t: ClusterTally, summary: string, kinds: readonly string[]): Evidence => ({ source: t.source, summary, counts: countsOf(t, kinds) });
  const live = tallies.filter((t) => t.live);
  const named = (t: ClusterTally) => visible(t.source);

  const running = tallies.filter((t) => t.pods > 0 || t.workloads.size > 0);
  if (running.length > 0) answer('kubernetes.in_use', true, running.map((t) => ev(t, `${plural(t.workloadCount, 'application workload')}${t.pods ? `, ${plural(t.pods, 'pod')}` : ''}`, ['Deployment', 'StatefulSet', 'Pod'])));
  if (live.length > 0) {
    answer('kubernetes.clusters', live.length, live.map((t) => ev(t, 'one cluster, from its own export', [])));
    if (live.some((t) => t.kinds.has('Pod'))) {
      answer('kubernetes.pods', sum(live, (t) => t.appPods), live.map((t) => ev(t, `${plural(t.appPods, 'pod')} in ${plural(t.appPodNamespaces.size, 'application namespace')} (of ${plural(t.pods, 'pod')} in all)`, ['Pod'])));
    }
    if (live.some((t) => t.kinds.has('Node'))) answer('kubernetes.nodes', sum(live, (t) => t.nodes), live.map((t) => ev(t, plural(t.nodes, 'node'), ['Node'])));
  }
  const untouched = tallies.filter((t) => !t.live);
  if (untouched.length > 0) notes.push(`Rendered manifests (${untouched.map(named).join(', ')}) count toward services and protocols, but say nothing of clusters, nodes or pods.`);

  // Where the clusters run: every labelled node of every cluster agreeing.
  const withNodes = live.filter((t) => t.nodes > 0);
  if (withNodes.length > 0) {
    const per = withNodes.map((t) => ({ t, p: [...t.providers.keys()] }));
    const found = new Set(per.flatMap((x) => (x.p.length === 1 ? x.p : x.p.length === 0 ? ['other'] : ['mixed'])));
    if (found.size === 1 && !found.has('mixed')) {
      const provider = [...found][0]!;
      answer('kubernetes.provider', provider, per.map(({ t }) => ev(t, provider === 'other' ? `${plural(t.nodes, 'node')}, none with a label of EKS, GKE, AKS or OpenShift` : `${plural(t.providers.get(provider)!, 'node')} labelled by ${provider.toUpperCase()}`, ['Node'])));
      const hosting = table.providers.find((x) => x.provider === provider)?.hosting;
      if (hosting) answer('kubernetes.hosting', hosting, per.map(({ t }) => ev(t, `${provider.toUpperCase()} manages the control plane`, ['Node'])));
    } else {
      notes.push(`The clusters run in different places (${per.map(({ t, p }) => `${named(t)}: ${p.join(' and ') || 'other'}`).join('; ')}); the questionnaire takes one, so kubernetes.provider is left to you.`);
    }
  }

  // NetworkPolicy, in the namespaces that run services.
  const policyInputs = tallies.filter((t) => t.live || t.policies.size > 0);
  const spaces = policyInputs.flatMap((t) => t.appNamespaces().map((ns) => ({ t, ns, p: t.policies.get(ns) })));
  if (spaces.length > 0) {
    const denied = spaces.filter((s) => s.p?.denyAll).length;
    const some = spaces.filter((s) => s.p?.any).length;
    const value = denied === spaces.length ? 'default-deny' : some > 0 ? 'some' : 'none';
    answer('kubernetes.network_policy', value, policyInputs.map((t) => {
      const mine = spaces.filter((s) => s.t === t);
      const deny = mine.filter((s) => s.p?.denyAll).length;
      const any = mine.filter((s) => s.p?.any).length;
      return ev(t, `${deny} of ${plural(mine.length, 'application namespace')} ${deny === 1 ? 'denies' : 'deny'} all ingress by default; ${any} ${any === 1 ? 'has' : 'have'} a NetworkPolicy`, ['NetworkPolicy', 'Namespace']);
    }));
  }

  // The mesh in place: what runs, not what is installed somewhere unused.
  const meshes = new Map<string, { pods: number; workloads: number; inputs: ClusterTally[] }>();
  for (const t of tallies) {
    for (const m of new Set([...t.meshPods.keys(), ...t.meshWorkloads.keys()])) {
      const e = meshes.get(m) ?? { pods: 0, workloads: 0, inputs: [] };
      meshes.set(m, { pods: e.pods + (t.meshPods.get(m) ?? 0), workloads: e.workloads + (t.meshWorkloads.get(m)?.size ?? 0), inputs: [...e.inputs, t] });
    }
  }
  const ranked = [...meshes].sort(([a, x], [b, y]) => y.pods - x.pods || y.workloads - x.workloads || (a < b ? -1 : 1));
  if (ranked.length > 0) {
    const [mesh, e] = ranked[0]!;
    answer('existing.mesh', mesh, e.inputs.map((t) => ev(t, `${plural(t.meshPods.get(mesh) ?? 0, 'application pod')} of ${t.appPods} carry its proxy; its own workloads: ${[...(t.meshWorkloads.get(mesh) ?? [])].sort().join(', ') || 'none seen'}`, ['Pod', 'Deployment', 'DaemonSet'])));
    if (ranked.length > 1) notes.push(`More than one mesh runs: ${ranked.map(([m, x]) => `${m} (${plural(x.pods, 'pod')})`).join(', ')}; existing.mesh names the one with the most pods.`);
  } else if (live.length > 0 && live.every((t) => t.kinds.has('Pod'))) {
    answer('existing.mesh', 'none', live.map((t) => ev(t, `no mesh proxy in any of ${plural(t.appPods, 'application pod')}, and no mesh control plane`, ['Pod', 'Deployment', 'DaemonSet'])));
  }

  // How traffic enters: Gateway API objects, else Ingress objects.
  const gw = tallies.filter((t) => t.gateways > 0);
  const ing = tallies.filter((t) => t.ingresses > 0);
  if (gw.length > 0) answer('existing.ingress', 'gateway-api', gw.map((t) => ev(t, `${plural(t.gateways, 'Gateway API object')}${t.ingresses ? `, ${plural(t.ingresses, 'Ingress')} too` : ''}`, ['Gateway', 'HTTPRoute', 'GRPCRoute', 'Ingress'])));
  else if (ing.length > 0) answer('existing.ingress', 'ingress', ing.map((t) => ev(t, plural(t.ingresses, 'Ingress', 'Ingresses'), ['Ingress'])));

  const cnis = [...new Set(tallies.flatMap((t) => [...t.cnis]))].sort();
  if (cnis.length === 1) answer('kubernetes.cni', cnis[0], tallies.filter((t) => t.cnis.size > 0).map((t) => ev(t, `its agent runs as a DaemonSet`, ['DaemonSet'])));
  else if (cnis.length > 1) notes.push(`The clusters run different CNI plugins (${cnis.join(', ')}); kubernetes.cni is left to you.`);

  // Services: the same namespace and name in two clusters is one service, deployed twice.
  const services = new Map<string, string | null>();
  for (const t of tallies) for (const [k, store] of t.workloads) services.set(k, store);
  if (services.size > 0) {
    const stores = [...services].filter(([, s]) => s !== null);
    const count = services.size - stores.length;
    answer('services.count', count, tallies.filter((t) => t.workloads.size > 0).map((t) => {
      const own = [...t.workloads.values()];
      const held = own.filter((s) => s !== null);
      const grouped = t.workloadCount > own.length ? ` run as ${plural(own.length, 'service')} by their app label` : '';
      const stores = held.length === 0 ? '' : held.length === 1 ? `, one of them a data store by its image (${held[0]})` : `, ${held.length} of them data stores by their image (${[...new Set(held)].sort().join(', ')})`;
      return ev(t, `${plural(t.workloadCount, 'Deployment or StatefulSet', 'Deployments and StatefulSets')} in ${plural(t.appNamespaces().length, 'application namespace')}${grouped}${stores}`, ['Deployment', 'StatefulSet']);
    }));
    if (stores.length > 0) notes.push(`${stores.length === 1 ? 'One workload runs a data store or broker by its image and is' : `${plural(stores.length, 'workload')} run a data store or broker by their image and are`} not counted as services: ${stores.map(([k]) => visible(k)).sort().join(', ')}.`);
  }

  const protocols = new Map<string, number>();
  for (const t of tallies) for (const [p, n] of t.protocols) protocols.set(p, (protocols.get(p) ?? 0) + n);
  const unnamed = sum(tallies, (t) => t.unnamedPorts);
  if (protocols.size > 0) {
    const order = ['http', 'grpc', 'tcp', 'messaging', 'other'];
    answer('services.protocols', [...protocols.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b)), tallies.filter((t) => t.protocols.size > 0).map((t) => ev(t, `Service ports by appProtocol or name: ${[...t.protocols].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([p, n]) => `${p} ${n}`).join(', ')}${t.unnamedPorts ? `; ${t.unnamedPorts} named no protocol` : ''}`, ['Service'])));
  }
  if (unnamed > 0) notes.push(`${plural(unnamed, 'Service port')} ${unnamed === 1 ? 'names' : 'name'} no protocol (no appProtocol, and a name not of the form <protocol>[-<suffix>]), so services.protocols may miss what ${unnamed === 1 ? 'it speaks' : 'they speak'}.`);
  if (tallies.some((t) => t.kinds.has('Secret'))) notes.push(`${plural(sum(tallies, (t) => t.kinds.get('Secret') ?? 0), 'Secret')} skipped unread.`);
  return { answers, notes };
}
