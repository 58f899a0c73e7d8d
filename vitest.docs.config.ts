import { defineConfig } from 'vitest/config';

// `npm run docs`: the one file that rewrites the generated docs, kept out of `npm test`.
export default defineConfig({ test: { include: ['test/regen/*.regen.ts'], testTimeout: 120000 } });
