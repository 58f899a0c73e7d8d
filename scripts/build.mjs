// Bundles the CLI into one ESM file. commander is CommonJS, so the bundle
// needs a real `require`, which the banner provides. Then validates the built-in rubric and
// ships it as JSON beside the bundle, so a run does not parse and check its YAML every time.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/mesh-assess.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// The bin runs by its shebang (npx, a global install, ./dist/mesh-assess.js), so it must be executable.
chmodSync('dist/mesh-assess.js', 0o755);

const tmp = mkdtempSync(join(tmpdir(), 'mesh-assess-build-'));
try {
  const compiler = join(tmp, 'compile-rubric.mjs');
  await build({ entryPoints: ['src/build/compile-rubric.ts'], outfile: compiler, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" } });
  // stdio inherits stderr, so an invalid rubric shows its problems and fails the build.
  writeFileSync('dist/builtin-rubric.json', execFileSync(process.execPath, [compiler, 'rubrics'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
