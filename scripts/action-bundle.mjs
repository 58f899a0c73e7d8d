// Refreshes the GitHub Action's copy of the CLI from a build (`npm run action-bundle` builds first).
// The Action runs action/mesh-assess.cjs with Node from its own checkout, so nothing is installed
// on a run: the bundle carries every runtime dependency, builtin-rubric.json stands beside it, and
// from action/ it finds the repository's rubrics/ and schema/ as it does from dist/. The launcher
// and the V8 code cache are left out: both belong to the Node version that built them. A test
// checks that the committed copies are the ones the sources build.
import { copyFileSync } from 'node:fs';

for (const name of ['mesh-assess.cjs', 'builtin-rubric.json']) copyFileSync(`dist/${name}`, `action/${name}`);
