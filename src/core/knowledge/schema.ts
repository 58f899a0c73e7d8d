import * as z from 'zod';
import { catalogTableSchemas, type CatalogTable } from '../discover/catalog/catalog-table.js';
import { once } from '../lazy/once.js';
import { discoverKubernetesSchema, type KubernetesTable } from '../discover/kubernetes/kubernetes-table.js';
import { AXES, rubricSchemas } from '../rubric/schema.js';
import { incidentSchemas, type IncidentTable } from '../discover/incidents/incident-table.js';
import { languagesTableSchemas, type LanguageTable } from '../discover/languages/languages-table.js';
import { FEATURE_STATUSES, type FeatureStatus } from '../report/assessment.js';

/**
 * The seeds' knowledge beyond scoring, as rubric data: the cheaper tools, the mesh catalogue,
 * the cost model and the rollout plan. Each lives in its own file of the rubric directory.
 */

export const DATA_PLANES = ['sidecar', 'per-node'] as const;
/**
 * The kinds of proxy a request can cross on a hop, each priced on its own (cost.yaml): a proxy in
 * the pod; a node-level layer 4 proxy (Istio's ztunnel); a layer 7 proxy shared by many pods
 * (Istio's waypoint, Cilium's per-node Envoy); and the kernel's eBPF datapath, which forwards with
 * no proxy in user space (Cilium at layer 4).
 */
export const PROXY_KINDS = ['sidecar', 'node-l4', 'shared-l7', 'ebpf'] as const;
/** The kinds on a hop's path that are no proxy at all: priced like the others, never counted as proxies. */
export const PROXYLESS_KINDS: readonly (typeof PROXY_KINDS)[number][] = ['ebpf'];

// How far a mesh's project supports a feature: the report states it with each fact it shows.
export { FEATURE_STATUSES, type FeatureStatus };

export type Range = [number, number];

/** Builds the schemas of the knowledge files; see knowledgeSchemas. */
function build() {
  const { conditionSchema, estimateSchema } = rubricSchemas();
  const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id such as gateway-api');
  const text = z.string().min(1);
  const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
  /** The month a fact about the world was read from its source. */
  const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
  const sourceSchema = z.strictObject({ document: text, section: text });
  /** A low-high range; the check that low <= high runs with the other cross-field checks. */
  const range = z.tuple([z.number().min(0), z.number().min(0)]);

  const alternativeSchema = z.strictObject({
    id,
    need: text,
    /** The organisation has this need; left out, the alternative is always on the table. */
    when: conditionSchema.optional(),
    tool: text,
    why: text,
    enough_until: text,
    estimate: estimateSchema.optional(),
    source: sourceSchema,
  });
  const alternativesFileSchema = z.strictObject({ alternatives: z.array(alternativeSchema).min(1) });

  const featureSchema = z.strictObject({
    id,
    title: text,
    /** 7 when the feature needs a proxy that reads requests, 4 when connections are enough. */
    layer: z.union([z.literal(4), z.literal(7)]),
    required_when: conditionSchema,
    estimate: estimateSchema.optional(),
    source: sourceSchema,
  });



  /** A fact about the world: the page it was read from (a URL or a document's title) and when. */
  const fact = { source: text, as_of: month };

  const featureFactSchema = z.strictObject({
    status: z.enum(FEATURE_STATUSES),
    /** The project's own word for the stage, where it differs from the status. */
    label: text.optional(),
    note: text.optional(),
    ...fact,
  });

  /**
   * What it costs to be allowed to run a mesh in production: nothing, a price per unit (with the
   * company size below which it is free), or a price the vendor does not publish.
   */
  const licenceSchema = z.discriminatedUnion('charge', [
    z.strictObject({ charge: z.literal('none'), terms: text, note: text.optional(), ...fact }),
    z.strictObject({
      charge: z.literal('per-unit'),
      terms: text,
      usd_per_year: z.number().min(0),
      per: z.enum(['cluster']),
      free_below_employees: z.int().min(1).optional(),
      note: text,
      ...fact,
    }),
    z.strictObject({ charge: z.literal('unpublished'), terms: text, note: text, ...fact }),
  ]);

  const meshSchema = z.strictObject({
    id,
    name: text,
    mode: text,
    /** Where the proxies run, which decides whether compute scales with pods or with nodes. */
    data_plane: z.enum(DATA_PLANES),
    /** What the mesh's project documents about each feature; a feature left out is not supported. */
    features: z.record(id, featureFactSchema),
    licence: licenceSchema,
    /** 1 (the provider runs it) to 5 (the heaviest to own): the "least mesh" order. */
    operating_weight: z.int().min(1).max(5),
    /** Proxies a request crosses per service hop, by kind: with layer 4 features only, and with layer 7. */
    // Counts that stand on the project's documented traffic path carry its page and month; others are the project's estimate.
    proxies_per_hop: z
      .strictObject({ l4: z.partialRecord(z.enum(PROXY_KINDS), z.int().min(0)), l7: z.partialRecord(z.enum(PROXY_KINDS), z.int().min(0)), source: text.optional(), as_of: month.optional(), estimate: estimateSchema.optional() })
      .refine((p) => (p.source !== undefined && p.as_of !== undefined) !== (p.estimate !== undefined), 'give the counts a source and as_of (the documented traffic path), or an estimate with its basis, one of the two'),
    /** Only a candidate where this holds (say, managed Kubernetes for a managed mesh). */
    available_when: conditionSchema.optional(),
    /** Where the offering exists and its documented limits, with its source. */
    availability: z.strictObject({ note: text, ...fact }).optional(),
    /** No longer supported from this date: never recommended once the catalogue is past it. */
    end_of_support: date.optional(),
    /** The offering itself is in preview (its provider's word, with the page): listed, never recommended. */
    preview: z.strictObject({ label: text, note: text, ...fact }).optional(),
    /**
     * Where this holds the organisation already runs this mesh, so the statuses the catalogue's
     * `in_use` lists also meet a requirement (the team runs those features today).
     */
    in_use_when: conditionSchema.optional(),
    prefer: z.array(z.strictObject({ when: conditionSchema, adjust: z.int().min(-5).max(5), reason: text })).optional(),
    note: text.optional(),
    estimate: estimateSchema.optional(),
    source: sourceSchema,
  });
  /** How to choose between meshes whose scores tie; the first rule that tells them apart decides. */
  const tieBreakSchema = z.strictObject({
    // modelled_cost: the yearly total the cost model gives here; modelled_latency: what a hop's
    // proxies add. Either decides only where the model can tell (the counts it needs are answered).
    // resolution: a difference in the figure smaller than this (US$ a year, or ms a hop) is finer
    // than the model can tell, so it decides nothing, here or in ruling a mesh out.
    prefer: z.union([z.strictObject({ data_plane: z.enum(DATA_PLANES) }), z.strictObject({ lowest: z.enum(['modelled_cost', 'modelled_latency', 'operating_weight']), resolution: z.number().positive().optional() })]),
    reason: text,
    estimate: estimateSchema.optional(),
    source: sourceSchema,
  });

  /**
   * How a project's own maturity words become the catalogue's statuses: checked in order, the
   * first whose words appear in a feature's label decides. A label must map to its fact's status.
   */
  const maturitySchema = z
    .array(z.strictObject({ status: z.enum(FEATURE_STATUSES), means: text, words: z.array(z.string().regex(/^[a-z][a-z ]*$/, 'a lower-case word or phrase')) }))
    .min(1);
  /** Which statuses besides ga meet a requirement for the mesh an organisation already runs. */
  const inUseSchema = z.strictObject({
    also_meets: z.array(z.enum(['beta', 'deprecated', 'enterprise', 'unsupported'])).min(1),
    reason: text,
    estimate: estimateSchema.optional(),
    source: sourceSchema,
  });

  const meshesFileSchema = z.strictObject({
    as_of: date,
    maturity: maturitySchema.optional(),
    in_use: inUseSchema.optional(),
    features: z.array(featureSchema).min(1),
    tie_breaks: z.array(tieBreakSchema).optional(),
    meshes: z.array(meshSchema).min(1),
  });

  const footprint = z.strictObject({ cpu_millicores: range, memory_mib: range, note: text.optional(), estimate: estimateSchema.optional(), source: sourceSchema });
  const costFileSchema = z.strictObject({
    rates: z.strictObject({ vcpu_hour_usd: z.number().min(0), gib_hour_usd: z.number().min(0), engineer_year_usd: z.number().min(0), estimate: estimateSchema.optional() }),
    per_pod: footprint,
    per_node: footprint,
    /** What one proxy of each kind adds to a request, in milliseconds. */
    latency_per_proxy_ms: z.strictObject(Object.fromEntries(PROXY_KINDS.map((k) => [k, z.strictObject({ range, estimate: estimateSchema.optional(), source: sourceSchema })])) as Record<(typeof PROXY_KINDS)[number], z.ZodObject<{ range: typeof range; estimate: z.ZodOptional<typeof estimateSchema>; source: typeof sourceSchema }>>),
    /** The mesh's own SLO on the latency it adds to a request at p99: the report compares the modelled figure with it. */
    latency_slo: z.strictObject({ p99_below_ms: z.number().positive(), note: text.optional(), source: sourceSchema }).optional(),
    /** Full-time engineers to run the mesh, by its operating weight (index 0 is weight 1). */
    people_fte: z.strictObject({ by_weight: z.array(range).length(5), note: text.optional(), estimate: estimateSchema.optional(), source: sourceSchema }),
    /** Costs to measure that the model cannot price; `data_plane` limits one to that kind of mesh. */
    to_measure: z.array(z.strictObject({ id, item: text, measure: text, data_plane: z.enum(DATA_PLANES).optional(), source: sourceSchema })).optional(),
  });

  const phaseSchema = z.strictObject({
    id,
    title: text,
    goal: text,
    /** This phase meshes the organisation's first narrow use case, chosen from first_use_cases. */
    starts_with_use_case: z.boolean().optional(),
    exit: text,
    rollback: text,
    /** What must hold before the phase starts (runbooks before strict enforcement, say), as a condition on the answers. */
    blocked_until: z.strictObject({ requirement: text, when: conditionSchema }).optional(),
    source: sourceSchema,
  });
  const useCaseSchema = z.strictObject({ id, when: conditionSchema.optional(), use_case: text, why: text, source: sourceSchema });
  const checkSchema = z.strictObject({
    id,
    area: text,
    requirement: text,
    /** Met whenever this axis meets its threshold (the need axis is the business case, say). */
    met_when_axis: z.enum(AXES).optional(),
    done_when: conditionSchema.optional(),
    estimate: estimateSchema.optional(),
    source: sourceSchema,
  });
  const rolloutFileSchema = z.strictObject({
    /** When to look at the decision again, by verdict, counted from org.assessed_on. */
    revisit_after_months: z.strictObject({ adopt: z.int().min(1).max(36), defer: z.int().min(1).max(36), alternative: z.int().min(1).max(36), estimate: estimateSchema.optional() }),
    phases: z.array(phaseSchema).min(1),
    first_use_cases: z.array(useCaseSchema).min(1),
    checklist: z.array(checkSchema).min(1),
    runbook: z.strictObject({ questions: z.array(z.strictObject({ question: text, why: text })).min(1), source: sourceSchema }),
  });
  /** The sources the rubric cites, as a reader finds them: docs/sources.md is made from this. */
  const sourcesFileSchema = z.strictObject({
    sources: z
      .array(
        z.strictObject({
          /** How a rubric's citations name it, such as "seed 000". */
          id: z.string().regex(/^seed \d{3}$/, 'an id such as "seed 000"'),
          title: text,
          /** How every printed text names it: its title, or a name made from its subject where the copy kept none. */
          // No digits: a figure next to it would read as one the source gives.
          cite_as: text.refine((s) => !/'s\b|\d/.test(s), 'a name with no digits and no possessive'),
          publisher: text,
          takes: text,
          trust: z.enum(['high', 'medium', 'low']),
          /** untrusted: its figures are never facts, so a number only it names is uncited. */
          numbers: z.enum(['trusted', 'untrusted']),
        }),
      )
      .min(1),
  });
  return { sourcesFileSchema, sourceSchema, maturitySchema, inUseSchema, alternativeSchema, alternativesFileSchema, featureSchema, featureFactSchema, licenceSchema, meshSchema, tieBreakSchema, meshesFileSchema, costFileSchema, phaseSchema, useCaseSchema, checkSchema, rolloutFileSchema };
}

type KnowledgeSchemas = ReturnType<typeof build>;

/** The schemas of the knowledge files, built on first use, as rubricSchemas and for the same reason. */
export const knowledgeSchemas: () => KnowledgeSchemas = once(build);

export type Alternative = z.infer<KnowledgeSchemas['alternativeSchema']>;
export type Feature = z.infer<KnowledgeSchemas['featureSchema']>;
export type Licence = z.infer<KnowledgeSchemas['licenceSchema']>;
export type Mesh = z.infer<KnowledgeSchemas['meshSchema']>;
export type Maturity = z.infer<KnowledgeSchemas['maturitySchema']>;
export type TieBreak = z.infer<KnowledgeSchemas['tieBreakSchema']>;
export type MeshCatalogue = z.infer<KnowledgeSchemas['meshesFileSchema']>;
export type CostModel = z.infer<KnowledgeSchemas['costFileSchema']>;
export type RolloutPlan = z.infer<KnowledgeSchemas['rolloutFileSchema']>;
export type SourceList = z.infer<KnowledgeSchemas['sourcesFileSchema']>['sources'];

/** The knowledge files of a rubric set; a custom set may leave any of them out. */
export interface Knowledge {
  alternatives?: Alternative[];
  meshes?: MeshCatalogue;
  cost?: CostModel;
  rollout?: RolloutPlan;
  sources?: SourceList;
  /** What discover --kube reads in a cluster's objects. */
  discoverKubernetes?: KubernetesTable;
  /** What discover --incidents reads an export with: the starter map and the documented export layouts. */
  discoverIncidents?: IncidentTable;
  /** What discover --catalog reads a Backstage catalog with. */
  discoverCatalog?: CatalogTable;
  /** What discover --repos reads repositories with: Linguist's vendored, generated and documentation paths. */
  discoverLanguages?: LanguageTable;
}

export const KNOWLEDGE_FILES = {
  'alternatives.yaml': { key: 'alternatives', schema: () => knowledgeSchemas().alternativesFileSchema },
  'meshes.yaml': { key: 'meshes', schema: () => knowledgeSchemas().meshesFileSchema },
  'cost.yaml': { key: 'cost', schema: () => knowledgeSchemas().costFileSchema },
  'rollout.yaml': { key: 'rollout', schema: () => knowledgeSchemas().rolloutFileSchema },
  'sources.yaml': { key: 'sources', schema: () => knowledgeSchemas().sourcesFileSchema },
  'discover-kubernetes.yaml': { key: 'discoverKubernetes', schema: discoverKubernetesSchema },
  'discover-incidents.yaml': { key: 'discoverIncidents', schema: () => incidentSchemas().fileSchema },
  'discover-catalog.yaml': { key: 'discoverCatalog', schema: () => catalogTableSchemas().catalogTableSchema },
  'discover-languages.yaml': { key: 'discoverLanguages', schema: () => languagesTableSchemas().languagesFileSchema },
} as const;
