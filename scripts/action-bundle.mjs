// Refreshes the committed copy of the built CLI, action/, from a build (`npm run action-bundle`
// builds first). It is what every way of getting mesh-assess runs, none of which builds: the
// GitHub Action runs action/mesh-assess.cjs with Node from its own checkout; the npm package (a
// clone installed with npm, a packed tarball, the pre-commit hooks) has action/mesh-assess.js as
// its bin, so installing needs no build step, no install-time script and no dependency. The bundle
// carries every runtime dependency but zod and yaml, whose bundles stand beside it with builtin-rubric.json and Linguist's languages, and from action/ it finds
// the repository's rubrics/ and schema/ as it does from dist/. A test checks that the committed
// copies are the ones the sources build.
import { chmodSync, copyFileSync } from 'node:fs';

for (const name of ['mesh-assess.js', 'mesh-assess.cjs', 'mesh-assess-yaml.cjs', 'mesh-assess-zod.cjs', 'builtin-rubric.json', 'linguist-languages.json', 'package.json']) copyFileSync(`dist/${name}`, `action/${name}`);
chmodSync('action/mesh-assess.js', 0o755);
