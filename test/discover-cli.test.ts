// discover as a user runs it: the built CLI, its files, stdout, stderr and exit code.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, ROOT } from './helpers.js';

/** The built CLI, run in `cwd` without colour, with `input` on standard input; killed if it hangs. */
function cli(args: string[], cwd = ROOT, env: Record<string, string> = {}, input?: string) {
  const base = { ...process.env, NO_COLOR: '1' } as Record<string, string | undefined>;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env }, input: input ?? '', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SHOP = join(ROOT, 'test/fixtures/discover/shop-prod.json');
const scratch = () => mkdtempSync(join(tmpdir(), 'mesh-assess-discover-'));

describe('mesh-assess discover', () => {
  it('writes a questionnaire from a cluster export, each answer with its evidence above it', () => {
    const dir = scratch();
    const r = cli(['discover', '--kube', SHOP, '-o', 'org.yaml'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wrote org\.yaml: 12 answers from evidence, each with where it came from; answer org\.name, services\.languages, platform_team\.exists, which no evidence gave, then check it with: mesh-assess validate org\.yaml$/m);
    expect(r.stderr).toContain('note: 1 Secret skipped unread.');
    const text = readFileSync(join(dir, 'org.yaml'), 'utf8');
    expect(text).toContain(`  # from cluster ${SHOP}: 3 nodes labelled by GKE\n  provider: "gke"\n`);
    expect(text).toContain(`  # from cluster ${SHOP}: 5 application pods of 8 carry its proxy; its own workloads: linkerd/linkerd-destination\n  mesh: "linkerd"\n`);
    expect(text).not.toMatch(/bm90LWEtcmVhbC1wYXNzd29yZA|ledger-db/);
    // With what no evidence can give, it validates, and the assessment cites the evidence.
    writeFileSync(join(dir, 'org.yaml'), text.replace('  name:\n', '  name: Shop\n').replace('  languages:\n', '  languages: [go, java]\n').replace('  exists:\n', '  exists: true\n'));
    expect(cli(['validate', 'org.yaml'], dir).code).toBe(0);
    const assessed = JSON.parse(cli(['org.yaml', '--format', 'json'], dir).stdout) as { reasons: { evidence: { path: string; discovered?: string[] }[] }[] };
    const cited = assessed.reasons.flatMap((x) => x.evidence).filter((e) => e.discovered);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.find((e) => e.path === 'services.count')?.discovered).toEqual([`from cluster ${SHOP}: 5 Deployments and StatefulSets in 2 application namespaces run as 4 services by their app label, one of them a data store by its image (redis)`]);
    expect(cli(['org.yaml', '--detail'], dir).stdout).toContain('from cluster');
  });

  it('prints the answers with their evidence as JSON', () => {
    const r = cli(['discover', '--kube', SHOP, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { answers: { path: string; value: unknown; source: string; evidence: { source: string; summary: string; counts: Record<string, number> }[] }[]; notes: string[] };
    expect(Object.fromEntries(out.answers.map((a) => [a.path, a.value]))).toMatchObject({ 'services.count': 3, 'kubernetes.provider': 'gke', 'existing.mesh': 'linkerd', 'kubernetes.network_policy': 'some', 'kubernetes.cni': 'calico' });
    expect(out.answers.find((a) => a.path === 'kubernetes.nodes')).toEqual({ path: 'kubernetes.nodes', value: 3, source: 'kube', evidence: [{ source: SHOP, summary: '3 nodes', counts: { Node: 3 } }] });
  });

  it('fills only the unanswered fields of a questionnaire, and lists where the evidence disagrees', () => {
    const dir = scratch();
    copyFileSync(join(ROOT, 'examples/no-platform-team.yaml'), join(dir, 'org.yaml'));
    const before = readFileSync(join(dir, 'org.yaml'), 'utf8');
    const r = cli(['discover', '--kube', SHOP, '--into', 'org.yaml'], dir);
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(join(dir, 'org.yaml'), 'utf8');
    for (const line of before.split('\n')) expect(after).toContain(line);
    expect(parse(after).kubernetes).toMatchObject({ pods: 4200, provider: 'gke' });
    expect(r.stderr).toMatch(/^org\.yaml:19:9 kubernetes\.pods: the answer is 4200, the evidence says 8 \(from cluster .*\); the answer was kept$/m);
    expect(r.stderr).toMatch(/^filled \d+ of 12 discovered answers in org\.yaml; \d+ disagree with the evidence$/m);
    expect(cli(['validate', 'org.yaml'], dir).code).toBe(0);
  });

  it('reports bad evidence in one located line, exits 2 and writes nothing', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'bad.json'), '{"apiVersion": "v1", "items": [\n  {"kind": "Pod",, "metadata": {}}\n], "kind": "List"}\n');
    const r = cli(['discover', '--kube', 'bad.json', '-o', 'org.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bad\.json:2:3 invalid JSON in the item that starts here: .+\n$/);
    expect(existsSync(join(dir, 'org.yaml'))).toBe(false);
  });

  it('says what to give when it is given nothing, and never replaces a file', () => {
    const none = cli(['discover']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^discover name the evidence to read: --kube FILE .*; export a cluster with: kubectl get nodes,namespaces,deployments,statefulsets,daemonsets,pods,services,networkpolicies,ingresses -A -o json > prod\.json\n$/);
    const dir = scratch();
    writeFileSync(join(dir, 'org.yaml'), 'mine\n');
    const kept = cli(['discover', '--kube', SHOP, '-o', 'org.yaml'], dir);
    expect(kept.code).toBe(2);
    expect(readFileSync(join(dir, 'org.yaml'), 'utf8')).toBe('mine\n');
  });

  it('reads a cluster export from standard input', () => {
    const r = cli(['discover', '--kube', '-', '--format', 'json'], ROOT, {}, readFileSync(SHOP, 'utf8'));
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { answers: { evidence: { source: string }[] }[] }).answers[0]!.evidence[0]!.source).toBe('<stdin>');
  });

  it('reads languages from repositories and services from a catalog, each answer from the source that has it', () => {
    const dir = scratch();
    const file = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    file('repos/cart/.git/HEAD', 'ref: refs/heads/main\n');
    file('repos/cart/main.go', 'package main\n'.repeat(200));
    file('repos/cart/vendor/lib/x.py', 'x = 1\n'.repeat(5000));
    file('repos/ledger/.git/HEAD', 'ref: refs/heads/main\n');
    file('repos/ledger/src/Ledger.java', 'class Ledger {}\n'.repeat(100));
    file('catalog/catalog-info.yaml', [
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: cart\n  tags: [go]\nspec:\n  type: service\n  lifecycle: production\n  owner: shop\n  dependsOn: [component:ledger]\n',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\n  tags: [java]\nspec:\n  type: service\n  lifecycle: production\n  owner: payments\n',
    ].join('---\n'));
    const r = cli(['discover', '--catalog', 'catalog', '--repos', 'repos', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const answers = (JSON.parse(r.stdout) as { answers: { path: string; value: unknown; source: string }[] }).answers;
    expect(answers.map((a) => [a.path, a.value, a.source])).toEqual([
      ['services.count', 2, 'catalog'],
      ['services.languages', ['go', 'java'], 'catalog'],
      ['services.call_depth', 1, 'catalog'],
    ]);
  });

  it('runs kubectl against the current context when asked, and says which context it read', () => {
    const bin = scratch();
    const kubectl = join(bin, 'kubectl');
    writeFileSync(kubectl, '#!/bin/sh\n[ "$1" = config ] && { echo prod-eu; exit 0; }\necho "$@" > "$ARGS_FILE"\n[ -n "$FAIL" ] && { echo "error: You must be logged in to the server (Unauthorized)" >&2; exit 1; }\ncat "$LIST"\n');
    chmodSync(kubectl, 0o755);
    const env = { PATH: `${bin}:${process.env.PATH}`, LIST: SHOP, ARGS_FILE: join(bin, 'args') };
    const r = cli(['discover', '--kubectl', '--format', 'json'], ROOT, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('reading the cluster of kubectl context prod-eu: kubectl get nodes,namespaces,deployments,statefulsets,daemonsets,pods,services,networkpolicies,ingresses -A -o json\n');
    expect(readFileSync(join(bin, 'args'), 'utf8')).toBe('get nodes,namespaces,deployments,statefulsets,daemonsets,pods,services,networkpolicies,ingresses -A -o json --context prod-eu\n');
    const answers = (JSON.parse(r.stdout) as { answers: { path: string; value: unknown; evidence: { source: string }[] }[] }).answers;
    expect(answers.find((a) => a.path === 'kubernetes.provider')).toMatchObject({ value: 'gke', evidence: [{ source: 'kubectl context prod-eu' }] });
    const failed = cli(['discover', '--kubectl'], ROOT, { ...env, FAIL: '1' });
    expect(failed.code).toBe(2);
    expect(failed.stderr.split('\n').at(-2)).toBe('kubectl kubectl failed: error: You must be logged in to the server (Unauthorized); check that kubectl can read the cluster, or export it yourself and give the file with --kube');
  });

  it('writes a starter incident map that reads back as the map', () => {
    const dir = scratch();
    const r = cli(['discover', '--init-incident-map'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'incident-map.yaml'), 'utf8')).toMatch(/^categories:$/m);
    const csv = 'Category,Date\ntimeout,2025-01-02\ndatabase,2025-03-30\n';
    writeFileSync(join(dir, 'export.csv'), csv);
    const used = cli(['discover', '--incidents', 'export.csv', '--cause-column', 'Category', '--date-column', 'Date', '--incident-map', 'incident-map.yaml', '--format', 'json'], dir);
    expect(used.code, used.stderr).toBe(0);
    const answers = (JSON.parse(used.stdout) as { answers: { path: string; value: unknown }[] }).answers;
    expect(answers.find((a) => a.path === 'incidents.causes.service_communication')?.value).toBe(1);
    expect(answers.find((a) => a.path === 'incidents.period_months')?.value).toBe(3);
  });
});
