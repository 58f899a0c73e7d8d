import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The tests `npm run mutation` runs against each mutant of src/core/decision and src/core/policy
// (docs/development.md). Only tests that call the code in this process can kill a mutant: one that
// spawns the built CLI runs the bundle, which holds none. Broad tests that assess many files
// (cases, rules, lazy) are left out: a surviving mutant runs every test that reaches its line,
// and those would add minutes to each.
const FILES = [
  'test/pin-gate.test.ts',
  'test/pin-assess.test.ts',
  'test/pin-comparison.test.ts',
  'test/pin-run-config.test.ts',
  'test/pin-globs.test.ts',
  'test/pin-waiver-words.test.ts',
  'test/pin-rubric-tests.test.ts',
  'test/pin-candidates.test.ts',
  'test/pin-reasons.test.ts',
  'test/pin-nudges.test.ts',
  'test/pin-sensitivity.test.ts',
  'test/pin-search.test.ts',
  'test/pin-to-adopt.test.ts',
  'test/pin-plan.test.ts',
  'test/answers.test.ts',
  'test/pin-boundaries.test.ts',
  'test/pin-baseline.test.ts',
  'test/hard-rules.test.ts',
  'test/verdict-rules.test.ts',
  'test/confidence.test.ts',
  'test/margins.test.ts',
  'test/decision.test.ts',
  // Last: it runs the CLI's main() in process, which loads five times the modules of the rest.
  'test/pin-waivers.test.ts',
];

/**
 * Files in the order listed, small and targeted first. A mutant's run stops at the first failing
 * test, so a pin that kills it early saves the rest; vitest's own order puts the slowest first.
 */
class Listed extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const at = (f: TestSpecification) => FILES.indexOf(relative(process.cwd(), f.moduleId));
    return [...files].sort((a, b) => at(a) - at(b));
  }
}

export default defineConfig({
  test: {
    include: FILES,
    testTimeout: 20000,
    globalSetup: ['test/temp-root.ts'],
    sequence: { sequencer: Listed },
  },
});
