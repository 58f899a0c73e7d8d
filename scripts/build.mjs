// Builds the CLI:
// 1. bundles src/cli.ts and its dependencies into one CommonJS file, dist/mesh-assess.cjs;
// 2. validates the built-in rubric and ships it as JSON, so a run does not parse and check its YAML;
// 3. writes the bin, dist/mesh-assess.js, a launcher that runs the bundle with a V8 code cache;
// 4. makes that cache by running the CLI on an example, so the functions a run needs are compiled
//    already. Node 22 has module.enableCompileCache for this; Node 20, which we support, does not.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' };

// In CommonJS, import.meta.url is rebuilt from __filename, so paths beside the bundle resolve.
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/mesh-assess.cjs',
  format: 'cjs',
  minify: true,
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const tmp = mkdtempSync(join(tmpdir(), 'mesh-assess-build-'));
try {
  const compiler = join(tmp, 'compile-rubric.cjs');
  await build({ ...common, entryPoints: ['src/build/compile-rubric.ts'], outfile: compiler, format: 'cjs' });
  // stderr is inherited, so an invalid rubric shows its problems and fails the build.
  writeFileSync('dist/builtin-rubric.json', execFileSync(process.execPath, [compiler, 'rubrics'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// The launcher compiles the bundle as require() would, handing V8 the cache when there is one; a
// cache V8 rejects (another Node version) only costs the time it would have saved. Asked through
// MESH_ASSESS_WRITE_CACHE, it writes the cache of everything the run compiled when it exits.
writeFileSync(
  'dist/mesh-assess.js',
  `#!/usr/bin/env node
// Runs dist/mesh-assess.cjs with the V8 code cache made when it was built.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const file = fileURLToPath(new URL('./mesh-assess.cjs', import.meta.url));
const cache = fileURLToPath(new URL('./mesh-assess.cache', import.meta.url));
let cachedData;
try {
  cachedData = readFileSync(cache);
} catch {
  cachedData = undefined;
}
const script = new Script(\`(function (exports, require, module, __filename, __dirname) {\${readFileSync(file, 'utf8')}\\n})\`, { filename: file, cachedData });
if (process.env.MESH_ASSESS_WRITE_CACHE === cache) process.on('exit', () => writeFileSync(cache, script.createCachedData()));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, fileURLToPath(new URL('.', import.meta.url)));
`,
);
chmodSync('dist/mesh-assess.js', 0o755);

// One run of a full report compiles what a run needs: parsing, validation, assessment, rendering.
rmSync('dist/mesh-assess.cache', { force: true });
const cacheFile = join(process.cwd(), 'dist', 'mesh-assess.cache');
execFileSync(process.execPath, ['dist/mesh-assess.js', 'examples/acme-payments.yaml'], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', MESH_ASSESS_WRITE_CACHE: cacheFile } });
