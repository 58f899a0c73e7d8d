// Builds the CLI:
// 1. validates the built-in rubric and ships it as JSON, so a run does not parse and check its YAML,
//    and reads the questionnaire's shape off its schema;
// 2. bundles src/cli.ts and its dependencies into one CommonJS file, dist/mesh-assess.cjs, carrying
//    that shape, but for zod and yaml, each bundled beside it and required on first use;
// 3. writes the bin, dist/mesh-assess.js, a launcher that runs the bundle with Node's compile cache.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' };
const sourceFiles = (dir) => readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));

// Start-up work that no run of ours needs, left out of the bundle:
// - commander requires child_process (for subcommands that are separate programs, which we do not
//   have), the interactive init needs readline, and only a character device needs asking whether
//   it is a terminal (tty), and only a rubric read from files is digested (crypto; the built-in
//   one ships with its digest): loading any of them takes milliseconds (crypto about ten, with
//   its nineteen internal modules), so each is required on first use instead;
// - chalk detects the terminal's colours when it is imported, through tty; every colour we print
//   goes through a Chalk instance whose level the CLI chose (src/cli/color.ts), so the detection
//   is replaced by "no colour" for chalk's own default instance, which is never used;
// - GitHub Linguist's languages (linguist-languages, about 170 kB of data) serve only
//   `discover --repos`, and even unevaluated in the bundle they cost every start about 15 ms of
//   parsing: the one module that imports them (src/core/discover/languages/linguist-data.ts) is replaced by
//   one that reads linguist-languages.json, written beside the bundle below, on first use.
const startUp = {
  name: 'start-up',
  setup(b) {
    const onFirstUse = {
      // commander requires it as CommonJS: an object that loads the module when a member is read.
      child_process: `let m; const load = () => (m ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, k) => load()[k], has: (_, k) => k in load() });`,
      // src/cli.ts imports this one name from it.
      readline: `export const createInterface = (...args) => require('node:readline').createInterface(...args);`,
      // src/cli/files/node-files.ts asks it only of a character device (a terminal, or /dev/null).
      tty: `export const isatty = (fd) => require('node:tty').isatty(fd);`,
      // src/core/rubric/load.ts digests a rubric set read from files.
      crypto: `export const createHash = (...args) => require('node:crypto').createHash(...args);`,
    };
    b.onResolve({ filter: /^(node:)?(child_process|readline|tty|crypto)$/ }, (a) => (a.namespace === 'on-first-use' ? undefined : { path: a.path.replace(/^node:/, ''), namespace: 'on-first-use' }));
    b.onLoad({ filter: /.*/, namespace: 'on-first-use' }, (a) => ({ contents: onFirstUse[a.path], loader: 'js' }));
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]discover[\\/]languages[\\/]linguist-data\.ts$/ }, (a) => ({
      contents: `let all; export const linguistLanguages = () => (all ??= JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, 'linguist-languages.json'), 'utf8')));`,
      loader: 'js',
      resolveDir: dirname(a.path),
    }));
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'no-detection' }));
    b.onLoad({ filter: /.*/, namespace: 'no-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

// zod and yaml, the two largest libraries, each ship as a bundle of their own beside ours
// (mesh-assess-zod.cjs, mesh-assess-yaml.cjs), required when our code first calls into them: most
// runs check a valid questionnaire against the built-in rubric, which needs no schema (the shape
// it is checked against is read off the schema at build time) and, when the quick reader takes
// the file, no YAML parser. Compiling them with the rest took about half of the bundle's compile
// time, and zod's module set-up more. Our code imports each through a module that exports every
// name it uses as a stand-in: a call, a `new`, a property read or an `instanceof` on it loads the
// library and passes through to the real export.
const VENDORED = ['zod', 'yaml'];
// The names our sources import from each: named imports, and the members read off a namespace
// import (`z.string`), kept when the library exports them (`z.infer` is a type). A name missed
// here fails the build (see logOverride below), never a run.
const vendorNames = {};
for (const name of VENDORED) {
  const real = await import(name);
  const used = new Set();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(new RegExp(`^import (?!type )([^;]*?) from '${name}';$`, 'gm'))) {
      const what = m[1].trim();
      const ns = /^\* as (\w+)$/.exec(what);
      if (ns) for (const use of text.matchAll(new RegExp(`\\b${ns[1]}\\.(\\w+)`, 'g'))) used.add(use[1]);
      else for (const part of what.replace(/^\{|\}$/g, '').split(',')) if (!/^\s*type\s/.test(part) && part.trim()) used.add(part.trim().split(/\s+as\s+/)[0]);
    }
  }
  vendorNames[name] = [...used].filter((k) => k in real).sort();
}
const vendorFile = (name) => `mesh-assess-${name}.cjs`;
const vendored = {
  name: 'vendored',
  async setup(b) {
    const facades = {};
    for (const name of VENDORED) {
      const exports = vendorNames[name];
      facades[name] = [
        `let m;`,
        `const load = () => (m ??= require(require('node:path').join(__dirname, ${JSON.stringify(vendorFile(name))})));`,
        // A function target, so that the stand-in can be called and constructed like the export.
        `const lazy = (k) => new Proxy(function () {}, {`,
        `  get: (_, p) => load()[k][p],`,
        `  has: (_, p) => p in load()[k],`,
        `  apply: (_, self, args) => Reflect.apply(load()[k], self, args),`,
        `  construct: (_, args) => Reflect.construct(load()[k], args),`,
        `});`,
        // Some export names are reserved words (zod's `catch`), so each is exported under its name.
        ...exports.map((k, i) => `const e${i} = /* @__PURE__ */ lazy(${JSON.stringify(k)});`),
        `export { ${exports.map((k, i) => `e${i} as ${k}`).join(', ')} };`,
      ].join('\n');
    }
    // Only our sources go through the stand-ins; the libraries' own bundles import the real thing.
    b.onResolve({ filter: new RegExp(`^(${VENDORED.join('|')})$`) }, (a) => (/[\\/]src[\\/]/.test(a.importer) ? { path: a.path, namespace: 'vendored' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'vendored' }, (a) => ({ contents: facades[a.path], loader: 'js' }));
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

// Linguist's languages, with the fields discover reads, for the bundle to read on first use.
const linguist = await import('linguist-languages');
const LINGUIST_FIELDS = ['name', 'type', 'extensions', 'filenames', 'aliases', 'group'];
const languages = Object.values(linguist).map((l) => Object.fromEntries(LINGUIST_FIELDS.filter((k) => l[k] !== undefined).map((k) => [k, l[k]])));
writeFileSync('dist/linguist-languages.json', `${JSON.stringify(languages)}\n`);

// In CommonJS, import.meta.url is rebuilt from __filename, so paths beside the bundle resolve. The
// bundle carries the questionnaire's shape, so that a valid file is checked without building the
// zod schema (src/core/questionnaire/shape-of.ts).
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/mesh-assess.cjs',
  plugins: [startUp, vendored],
  // A member read off a namespace import that the module does not export would be undefined at
  // run time: with the stand-ins, a name the scan above missed. It fails the build instead.
  logOverride: { 'import-is-undefined': 'error' },
  format: 'cjs',
  minify: true,
  define: { 'import.meta.url': '__importMetaUrl', MESH_ASSESS_QUESTIONNAIRE_SHAPE: shape },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The libraries' own bundles, for the stand-ins above to require, each with the exports our
// sources use. zod compiles a parser for each object schema with `new Function` on its first
// parse, which pays off over many parses in one process; a run of the CLI parses a questionnaire
// or a few, and the compiling took more than the parsing (about 10 ms of a cold start), so the
// CLI's zod runs without it. Parsing gives the same result.
const setUp = { zod: `import { config } from 'zod';\nconfig({ jitless: true });`, yaml: '' };
for (const name of VENDORED) {
  await build({
    ...common,
    stdin: { contents: `${setUp[name]}\nexport { ${vendorNames[name].join(', ')} } from ${JSON.stringify(name)};\n`, resolveDir: '.', loader: 'js' },
    outfile: `dist/${vendorFile(name)}`,
    format: 'cjs',
    minify: true,
  });
}

// The launcher turns on Node's own compile cache where Node has one (module.enableCompileCache,
// Node 22.1 and later), which keeps the bundle's compiled code between runs by itself and is safe
// to lose, and then requires the bundle. No V8 code cache is made here or shipped: one fits only
// the Node that made it, and the package, the Action and the pre-commit hooks run on other Nodes.
// It is CommonJS (dist/package.json says so) because starting Node's ES module loader costs a few
// milliseconds that a command-line run feels.
writeFileSync('dist/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
writeFileSync(
  'dist/mesh-assess.js',
  `#!/usr/bin/env node
'use strict';
// Runs mesh-assess.cjs, with Node's compile cache where Node has one.
require('node:module').enableCompileCache?.();
require('./mesh-assess.cjs');
`,
);
chmodSync('dist/mesh-assess.js', 0o755);
// The V8 code cache an earlier build made, which nothing reads any more.
rmSync('dist/mesh-assess.cache', { force: true });
