// Builds the CLI:
// 1. validates the built-in rubric and ships it as JSON, so a run does not parse and check its YAML,
//    and reads the questionnaire's shape off its schema;
// 2. bundles src/cli.ts and its dependencies into one CommonJS file, dist/mesh-assess.cjs, carrying
//    that shape;
// 3. writes the bin, dist/mesh-assess.js, a launcher that runs the bundle with a V8 code cache;
// 4. makes that cache in a process of its own, which compiles the bundle as the launcher does and
//    runs the CLI on examples through a hook only it sets, so the functions a run needs are
//    compiled already. Node 22 has module.enableCompileCache for this; Node 20, which we support,
//    does not. No variable of a run's environment takes part: the bin never writes the cache.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parse as parseYaml } from 'yaml';

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' };

// Start-up work that no run of ours needs, left out of the bundle:
// - commander requires child_process (for subcommands that are separate programs, which we do not
//   have), the interactive init needs readline, and only a character device needs asking whether
//   it is a terminal (tty): loading any of them takes milliseconds, so each is required on first
//   use instead;
// - chalk detects the terminal's colours when it is imported, through tty; every colour we print
//   goes through a Chalk instance whose level the CLI chose (src/cli/color.ts), so the detection
//   is replaced by "no colour" for chalk's own default instance, which is never used.
const startUp = {
  name: 'start-up',
  setup(b) {
    const onFirstUse = {
      // commander requires it as CommonJS: an object that loads the module when a member is read.
      child_process: `let m; const load = () => (m ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, k) => load()[k], has: (_, k) => k in load() });`,
      // src/cli.ts imports this one name from it.
      readline: `export const createInterface = (...args) => require('node:readline').createInterface(...args);`,
      // src/node-files.ts asks it only of a character device (a terminal, or /dev/null).
      tty: `export const isatty = (fd) => require('node:tty').isatty(fd);`,
    };
    b.onResolve({ filter: /^(node:)?(child_process|readline|tty)$/ }, (a) => (a.namespace === 'on-first-use' ? undefined : { path: a.path.replace(/^node:/, ''), namespace: 'on-first-use' }));
    b.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (a) => ({ contents: onFirstUse[a.path], loader: 'js' }));
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'no-detection' }));
    b.onLoad({ filter: /.*/, namespace: 'no-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

// Build steps that run the sources: one checks the built-in rubric and prints it as JSON, the
// other prints the questionnaire's schema as plain data (src/core/questionnaire/shape.ts).
mkdirSync('dist', { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'mesh-assess-build-'));
const step = async (name) => {
  const file = join(tmp, `${name}.cjs`);
  await build({ ...common, entryPoints: [`src/build/${name}.ts`], outfile: file, format: 'cjs' });
  // stderr is inherited, so an invalid rubric shows its problems and fails the build.
  return (args) => execFileSync(process.execPath, [file, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
};
let shape;
try {
  writeFileSync('dist/builtin-rubric.json', (await step('compile-rubric'))(['rubrics']));
  shape = (await step('questionnaire-shape'))([]).trim();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// In CommonJS, import.meta.url is rebuilt from __filename, so paths beside the bundle resolve. The
// bundle carries the questionnaire's shape, so that a valid file is checked without building the
// zod schema (src/core/questionnaire/shape-of.ts).
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/mesh-assess.cjs',
  plugins: [startUp],
  format: 'cjs',
  minify: true,
  define: { 'import.meta.url': '__importMetaUrl', MESH_ASSESS_QUESTIONNAIRE_SHAPE: shape },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The bundle as the launcher and the cache maker both compile it, as require() would: the same
// text, so that the cache fits. An expression in their code, where readFileSync and file are in scope.
const WRAPPED = "`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\\n})`";

// The launcher compiles the bundle with the V8 cache made for the Node that built it. On another
// Node that cache would be rejected, so there it requires the bundle instead, with Node's own
// compile cache turned on where Node has one (module.enableCompileCache, Node 22.1 and later),
// which keeps compiled code between runs by itself. It is CommonJS (dist/package.json says so)
// because starting Node's ES module loader costs a few milliseconds that a command-line run feels.
writeFileSync('dist/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
writeFileSync(
  'dist/mesh-assess.js',
  `#!/usr/bin/env node
'use strict';
// Runs mesh-assess.cjs with the V8 code cache made when it was built.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const BUILT_WITH = ${JSON.stringify(process.version)};
const file = join(__dirname, 'mesh-assess.cjs');
let cachedData;
try {
  if (process.version === BUILT_WITH) cachedData = readFileSync(join(__dirname, 'mesh-assess.cache'));
} catch {
  cachedData = undefined;
}
if (cachedData) {
  const { Script } = require('node:vm');
  const script = new Script(${WRAPPED}, { filename: file, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, require, bundle, file, __dirname);
} else {
  require('node:module').enableCompileCache?.();
  require(file);
}
`,
);
chmodSync('dist/mesh-assess.js', 0o755);

// The cache maker: compiles the bundle, sets the hook src/cli.ts looks for, which runs the CLI on
// each argument list in turn instead of one real run, and then writes the cache of everything those
// runs compiled. One run of a full report compiles what a run needs: parsing, validation,
// assessment, rendering. The runs before it compile what other runs need too: the full YAML parser
// (a flow-style file, which the quick reader leaves to it) and every other format.
const MAKE_CACHE = `'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { Script } = require('node:vm');
const [file, cache, runs] = process.argv.slice(1);
const script = new Script(${WRAPPED}, { filename: file });
globalThis[Symbol.for('mesh-assess.make-code-cache')] = (run) => {
  for (const args of JSON.parse(runs)) run(args);
};
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, require, bundle, file, dirname(file));
writeFileSync(cache, script.createCachedData());
`;
// Compiles the bundle with the cache in a fresh process, as the launcher will, and says whether V8
// took it.
const CHECK_CACHE = `'use strict';
const { readFileSync } = require('node:fs');
const { Script } = require('node:vm');
const [file, cache] = process.argv.slice(1);
process.stdout.write(String(!new Script(${WRAPPED}, { filename: file, cachedData: readFileSync(cache) }).cachedDataRejected));
`;

const bundleFile = join(process.cwd(), 'dist', 'mesh-assess.cjs');
const cacheFile = join(process.cwd(), 'dist', 'mesh-assess.cache');
rmSync(cacheFile, { force: true });
const warmDir = mkdtempSync(join(tmpdir(), 'mesh-assess-warm-'));
const flowFile = join(warmDir, 'flow.yaml');
writeFileSync(flowFile, `${JSON.stringify(parseYaml(readFileSync('examples/acme-payments.yaml', 'utf8')))}\n`);
const runs = [...['json', 'markdown', 'sarif', 'junit', 'github'].map((f) => ['--format', f, flowFile]), [join(process.cwd(), 'examples', 'acme-payments.yaml')]];
try {
  // The runs' reports go nowhere; what they say on stderr is shown only if making the cache fails.
  execFileSync(process.execPath, ['-e', MAKE_CACHE, bundleFile, cacheFile, JSON.stringify(runs)], {
    cwd: warmDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' },
  });
} catch (e) {
  process.stderr.write(e.stderr ?? '');
  throw e;
} finally {
  rmSync(warmDir, { recursive: true, force: true });
}
if (execFileSync(process.execPath, ['-e', CHECK_CACHE, bundleFile, cacheFile], { encoding: 'utf8' }) !== 'true') {
  throw new Error('V8 rejected the code cache the build made for dist/mesh-assess.cjs');
}
