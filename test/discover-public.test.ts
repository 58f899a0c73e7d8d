// discover on public demo applications and Backstage's own example catalog, checked against what
// their documentation says. The files are public repositories' own, which this repository does
// not hold: they are read from the workplace's shared fixtures (shared/fixtures/discover beside
// the repository, with their origins and licences in its README), or from the folder
// MESH_ASSESS_DISCOVER_FIXTURES names. Where neither is there, the tests say so and skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers.js';

const FIXTURES = process.env.MESH_ASSESS_DISCOVER_FIXTURES ?? join(ROOT, '..', 'shared', 'fixtures', 'discover');
const present = existsSync(join(FIXTURES, 'manifests')) && existsSync(join(FIXTURES, 'catalog'));
if (!present) console.warn(`discover's public fixtures are not at ${FIXTURES}: their tests are skipped`);

type Answers = Record<string, unknown>;

function discovered(args: string[]): Answers {
  const r = spawnSync(process.execPath, [CLI, 'discover', ...args, '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return Object.fromEntries((JSON.parse(r.stdout) as { answers: { path: string; value: unknown }[] }).answers.map((a) => [a.path, a.value]));
}

describe.skipIf(!present)('discover on public demo applications', () => {
  const manifests = (app: string) => ['--kube', join(FIXTURES, 'manifests', app)];

  it('Online Boutique: "11 microservices ... that talk to each other over gRPC" (its README)', () => {
    const a = discovered(manifests('online-boutique'));
    // Twelve Deployments: the eleven services and the Redis the cart keeps its items in.
    expect(a['services.count']).toBe(11);
    expect(a['services.protocols']).toContain('grpc');
  });

  it('Bookinfo: "broken into four separate microservices" (istio.io), reviews in three versions', () => {
    expect(discovered(manifests('bookinfo'))['services.count']).toBe(4);
  });

  it('emojivoto: "3 services" (its README), and the vote-bot that sends them traffic', () => {
    // The fourth Deployment generates load, as Online Boutique's loadgenerator does, which that
    // README counts among its eleven; discover counts both the same way, and so says 4 here.
    const a = discovered(manifests('emojivoto'));
    expect(a['services.count']).toBe(4);
    expect(a['services.protocols']).toEqual(['http', 'grpc']);
  });

  it("Backstage's example catalog: its service Components, their language tags and the APIs they use", () => {
    const a = discovered(['--catalog', join(FIXTURES, 'catalog')]);
    expect(a['services.count']).toBe(10);
    expect(a['services.languages']).toEqual(['go', 'java']);
    expect(a['services.protocols']).toEqual(['http', 'messaging']);
  });

  it('writes questionnaires that validate once the answers no evidence gives are in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-public-'));
    const r = spawnSync(process.execPath, [CLI, 'discover', ...manifests('online-boutique'), '--catalog', join(FIXTURES, 'catalog'), '-o', 'org.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const file = join(dir, 'org.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  name:\n', '  name: Boutique\n').replace('  exists:\n', '  exists: true\n'));
    expect(spawnSync(process.execPath, [CLI, 'validate', 'org.yaml'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
  });
});
