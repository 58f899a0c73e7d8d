// Every file the suite writes goes under one directory of its own, removed when the run ends: tests
// make thousands of temporary folders (spawned CLIs write there too, through TMPDIR), and a suite
// that leaves them behind fills a developer's disk a few runs at a time.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'mesh-assess-test-'));
  // As open as the system's temporary directory, sticky bit included: some tests run the CLI as
  // another user, in folders of that user's own under here.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
