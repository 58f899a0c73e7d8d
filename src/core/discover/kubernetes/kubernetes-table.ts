import * as z from 'zod';
import { once } from '../../lazy/once.js';
import { MESHES, PROTOCOLS, PROVIDERS } from '../../questionnaire/schema.js';

/**
 * The table `discover --kube` reads objects with (rubrics/discover-kubernetes.yaml): which
 * namespaces are the cluster's own, which node labels name a provider, which containers and
 * workloads are a mesh's, which DaemonSets a CNI's, which port names a protocol. Every entry names
 * the page it was read from and the month, or is marked as our estimate.
 */
function build() {
  const text = z.string().min(1);
  const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
  const names = z.array(text);
  /** A fact read from a page, or our own judgement with its basis: one of the two, never neither. */
  const fact = { source: text.optional(), estimate: z.strictObject({ basis: text }).optional(), as_of: month };
  const sourced = <T extends z.ZodRawShape>(shape: T) =>
    z.strictObject({ ...shape, ...fact }).refine((v) => ((v as { source?: string }).source === undefined) !== ((v as { estimate?: unknown }).estimate === undefined), { message: 'give either a source or an estimate with its basis' });
  return z.strictObject({
    excluded_namespaces: z.array(sourced({ names: names.optional(), prefixes: names.optional(), why: text })).min(1),
    providers: z.array(sourced({ provider: z.enum(PROVIDERS), hosting: z.enum(['managed', 'self-managed']).optional(), node_labels: names.min(1) })),
    meshes: z.array(sourced({ mesh: z.enum(MESHES.filter((m) => m !== 'none' && m !== 'other') as [string, ...string[]]), sidecars: names, workloads: names })),
    cnis: z.array(sourced({ cni: text, daemonsets: names.min(1) })),
    protocols: sourced({ names: z.strictObject(Object.fromEntries(PROTOCOLS.map((p) => [p, names.optional()])) as Record<(typeof PROTOCOLS)[number], z.ZodOptional<typeof names>>) }),
    service_labels: sourced({ names: names.min(1) }),
    backing_images: sourced({ names }),
  });
}

export const discoverKubernetesSchema = once(build);
export type KubernetesTable = z.infer<ReturnType<typeof build>>;
