// discover --repos: each repository's main language, as GitHub Linguist decides it from file
// names and sizes. The listings and .gitattributes texts below are written for these tests. The
// .gitattributes lines follow git's format (https://git-scm.com/docs/gitattributes) and
// Linguist's attributes (https://github.com/github-linguist/linguist/blob/main/docs/overrides.md).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listRepositories } from '../src/cli/files/discover-repos.js';
import { attributesFor, parseAttributes } from '../src/core/discover/languages/gitattributes.js';
import { discoverLanguages, questionnaireName, type RepoListing } from '../src/core/discover/languages/languages.js';
import { pathPattern, type LanguageTable } from '../src/core/discover/languages/languages-table.js';
import { linguistLanguages } from '../src/core/discover/languages/linguist-data.js';
import { formatProblem } from '../src/core/text/problem.js';
import { loadRubric } from '../src/core/rubric/load.js';
import { rubric, rubricFiles } from './helpers.js';

const table = (): LanguageTable => rubric().knowledge.discoverLanguages!;

/** A repository of files given as path: bytes. */
const repo = (name: string, files: Record<string, number>, attributes?: string): RepoListing => ({
  name,
  files: Object.entries(files).map(([path, bytes]) => ({ path, bytes })),
  ...(attributes !== undefined ? { attributes } : {}),
});

const discover = (repos: RepoListing[]) => discoverLanguages(repos, table(), 'repos');
const value = (repos: RepoListing[]) => discover(repos).answers.find((a) => a.path === 'services.languages')?.value;
const mainOf = (r: RepoListing) => value([r]);

describe('discoverLanguages: the main language of each repository', () => {
  it('answers services.languages with the main languages, most repositories first, with the counts as evidence', () => {
    const report = discover([
      repo('orders', { 'main.go': 9000, 'go.mod': 300, 'README.md': 4000 }),
      repo('payments', { 'cmd/server/main.go': 5000, 'internal/ledger.go': 7000, 'Makefile': 900 }),
      repo('catalog', { 'src/main/java/Catalog.java': 12000, 'pom.xml': 3000 }),
      repo('recommend', { 'app.py': 2000, 'requirements.txt': 100 }),
    ]);
    expect(report.answers).toEqual([
      {
        path: 'services.languages',
        value: ['go', 'java', 'python'],
        evidence: [{ source: 'repos', summary: 'main languages of 4 repositories: go 2, java 1, python 1', counts: { go: 2, java: 1, python: 1 } }],
      },
    ]);
    expect(report.notes).toEqual([]);
  });

  it('gives each language the name the questionnaire uses: csharp, cpp, typescript', () => {
    expect(mainOf(repo('billing', { 'Billing.cs': 100 }))).toEqual(['csharp']);
    expect(mainOf(repo('engine', { 'engine.cpp': 100 }))).toEqual(['cpp']);
    expect(mainOf(repo('web', { 'index.ts': 100 }))).toEqual(['typescript']);
    expect(mainOf(repo('objc', { 'View.mm': 100 }))).toEqual(['objective-cpp']);
  });

  it('counts a language under its group, as Linguist does: TSX is TypeScript', () => {
    expect(mainOf(repo('web', { 'App.tsx': 3000, 'index.tsx': 1000, 'server.js': 2500 }))).toEqual(['typescript']);
  });

  it('knows a file by its whole name (Rakefile is Ruby, Dockerfile is infrastructure)', () => {
    expect(mainOf(repo('tasks', { Rakefile: 500, 'notes.txt': 50 }))).toEqual(['ruby']);
    expect(mainOf(repo('svc', { 'main.go': 100, Dockerfile: 5000 }))).toEqual(['go']);
  });

  describe('leaves out what Linguist leaves out', () => {
    const service = { 'service.py': 2000 };
    it.each([
      ['vendor/', 'vendor/github.com/acme/lib/lib.go'],
      ['node_modules/', 'node_modules/lodash/lodash.js'],
      ['third_party/', 'third_party/proto/gen.go'],
      ['a minified script', 'static/app.min.js'],
      ['a dist/ folder', 'web/dist/bundle.js'],
      ['Go vendoring by module path', 'src/vendor/golang.org/x/net/http2.go'],
      ['docs/', 'docs/conf.rb'],
      ['examples/', 'examples/client.go'],
      ['a generated .NET designer file', 'Forms/Main.Designer.cs'],
      ['the Gradle wrapper', 'gradlew'],
      ['a Jenkinsfile', 'Jenkinsfile'],
    ])('%s does not count', (_what, path) => {
      expect(mainOf(repo('svc', { ...service, [path]: 100_000 }))).toEqual(['python']);
    });

    it('a vendored tree in another language does not decide the main language', () => {
      const r = repo('checkout', { 'main.go': 1500, 'vendor/a/b.py': 90_000, 'node_modules/x/index.js': 90_000, 'third_party/lib/lib.c': 90_000, 'public/jquery.min.js': 90_000 });
      expect(mainOf(r)).toEqual(['go']);
    });

    it('counts no data, markup or prose: YAML, JSON, HTML, Markdown', () => {
      const report = discover([repo('config', { 'values.yaml': 9000, 'schema.json': 9000, 'index.html': 9000, 'GUIDE.md': 9000 })]);
      expect(report.answers).toEqual([]);
      expect(report.notes).toEqual(['1 repository holds no source code in a programming language Linguist recognises from file names: config.']);
    });
  });

  describe('languages that build and deploy services are not service code', () => {
    it('shell scripts, a Makefile and Terraform beside a service do not outweigh it', () => {
      expect(mainOf(repo('api', { 'main.go': 1000, 'scripts/release.sh': 40_000, Makefile: 9000, 'deploy/main.tf': 30_000 }))).toEqual(['go']);
    });

    it('a repository of them alone gives no language, and a note says so', () => {
      const report = discover([repo('infra', { 'main.tf': 5000, 'deploy.sh': 800, Dockerfile: 300 }), repo('svc', { 'main.rb': 100 })]);
      expect(report.answers[0]?.value).toEqual(['ruby']);
      expect(report.notes).toEqual(['1 repository holds only code that builds, configures or deploys services (Dockerfile, HCL and Shell), so no service language: infra.']);
    });
  });

  describe('extensions several languages share', () => {
    it.each([
      ['.ts', 'TypeScript lists it first, Qt translations (XML) do not', 'index.ts', 'typescript'],
      ['.cs', 'C# lists it first, Smalltalk does not', 'Program.cs', 'csharp'],
      ['.rs', 'Rust and RenderScript both list it first; Rust is the popular one', 'main.rs', 'rust'],
      ['.pl', 'Perl and Prolog both list it first; Perl is the popular one', 'build.pl', 'perl'],
      ['.m', 'Objective-C and Mercury both list it first; Objective-C is the popular one', 'View.m', 'objective-c'],
    ])('%s: %s', (_ext, _why, file, expected) => {
      expect(mainOf(repo('r', { [file]: 1000 }))).toEqual([expected]);
    });

    it('counts .h for no language, and says how many bytes went nowhere', () => {
      const report = discover([repo('lib', { 'lib.c': 9000, 'lib.h': 2000, 'util.h': 1000 })]);
      expect(report.answers[0]?.value).toEqual(['c']);
      expect(report.notes).toEqual(['3,000 bytes in 2 files went to no language, because several languages share their extension and Linguist reads the file to choose: .h (2 files).']);
    });

    it('names the main language from the bytes it can place, and warns where the rest outweigh them', () => {
      const report = discover([repo('engine', { 'engine.cpp': 3000, 'engine.h': 5000 }), repo('api', { 'main.go': 10 })]);
      expect(report.answers[0]?.value).toEqual(['cpp', 'go']);
      expect(report.notes).toEqual([
        "engine: its main language is taken as C++ (3,000 bytes), but more of its source, 5,000 bytes, is in files whose extension several languages share: .h (C, C++ or Objective-C). Linguist reads those files to choose; a linguist-language line in the repository's .gitattributes settles it.",
        '5,000 bytes in 1 file went to no language, because several languages share their extension and Linguist reads the file to choose: .h (1 file).',
      ]);
    });

    it("takes Linguist's fallback where it is no programming language: .sql migrations are SQL, .md is Markdown", () => {
      const report = discover([repo('orders', { 'main.go': 4000, 'migrations/0001_init.sql': 90_000, 'adr/0001-queues.md': 20_000 })]);
      expect(report.answers[0]?.value).toEqual(['go']);
      expect(report.notes).toEqual([]);
    });

    it('a file whose extension Linguist finds too common to name a language (.sol) is ambiguous even with one candidate language', () => {
      const report = discover([repo('chain', { 'Token.sol': 4000 })]);
      expect(report.answers).toEqual([]);
      expect(report.notes[0]).toBe(
        "The main language of chain is unclear: all of its source, 4,000 bytes, is in files whose extension several languages share: .sol (Gerber Image or Solidity). Linguist reads those files to choose; a linguist-language line in the repository's .gitattributes settles it.",
      );
    });

    it('a tie is unclear too: unknown is not a coin toss', () => {
      const report = discover([repo('split', { 'a.go': 500, 'b.py': 500 })]);
      expect(report.answers).toEqual([]);
      expect(report.notes).toEqual(['The main language of split is unclear: Go and Python have 500 bytes each.']);
    });
  });

  describe('.gitattributes overrides, as Linguist reads them', () => {
    const base = { 'main.go': 1000, 'web/app.js': 5000 };
    it('linguist-vendored leaves matching files out', () => {
      expect(mainOf(repo('svc', base, 'web/** linguist-vendored\n'))).toEqual(['go']);
      expect(mainOf(repo('svc', base, '*.js linguist-vendored\n'))).toEqual(['go']);
    });

    it('linguist-generated and linguist-documentation leave matching files out', () => {
      expect(mainOf(repo('svc', base, '# generated by the build\nweb/app.js linguist-generated=true\n'))).toEqual(['go']);
      expect(mainOf(repo('svc', base, '/web/*.js linguist-documentation\n'))).toEqual(['go']);
    });

    it('-linguist-vendored brings back a path Linguist would leave out, and a later line wins', () => {
      const r = repo('svc', { 'main.go': 1000, 'vendor/lib/lib.rb': 5000 }, 'vendor/** -linguist-vendored\n');
      expect(mainOf(r)).toEqual(['ruby']);
      expect(mainOf({ ...r, attributes: 'vendor/** -linguist-vendored\nvendor/** linguist-vendored\n' })).toEqual(['go']);
      expect(mainOf({ ...r, attributes: 'vendor/** linguist-vendored=false\n' })).toEqual(['ruby']);
    });

    it('linguist-language settles a shared extension, by name or alias', () => {
      const r = repo('engine', { 'engine.cpp': 3000, 'engine.h': 5000 }, '*.h linguist-language=C++\n');
      expect(mainOf(r)).toEqual(['cpp']);
      expect(mainOf({ ...r, attributes: '*.h linguist-language=cpp\n' })).toEqual(['cpp']);
    });

    it('linguist-detectable counts a file of another type, or stops a file counting', () => {
      expect(mainOf(repo('q', { 'main.go': 100, 'queries/report.sql': 5000 }, '*.sql linguist-language=SQL linguist-detectable\n'))).toEqual(['sql']);
      expect(mainOf(repo('q', { 'main.go': 100, 'tools/gen.py': 5000 }, 'tools/** -linguist-detectable\n'))).toEqual(['go']);
    });

    it('a language Linguist does not know leaves the files out, with a note naming the line', () => {
      const report = discover([repo('svc', base, '# ours\n*.js linguist-language=Gopher\n')]);
      expect(report.answers[0]?.value).toEqual(['go']);
      expect(report.notes).toEqual(['svc: line 2 of its .gitattributes sets linguist-language to "Gopher", a language Linguist does not know, so the files it matches are left out.']);
    });
  });

  it('gives no answer, and says why, when there are no repositories or no table', () => {
    expect(discover([])).toEqual({ answers: [], notes: ['repos holds no repositories, so no language was read.'] });
    expect(discoverLanguages([repo('a', { 'a.go': 1 })], undefined, 'repos')).toEqual({
      answers: [],
      notes: ['The rubric set has no discover-languages.yaml, so the languages of the repositories in repos were not read.'],
    });
  });

  it('shows names from input escaped: a repository name cannot write to the terminal', () => {
    const report = discover([repo('evil\u001b]0;owned\u0007', { 'README.md': 10 })]);
    expect(report.notes.join('\n')).not.toMatch(/[\u0000-\u001f]/);
    expect(report.notes[0]).toContain('evil\\x1B]0;owned\\x07');
  });

  it('gives the same report whatever order the repositories and files come in', () => {
    const repos = [
      repo('a', { 'x.go': 10, 'y.go': 20, 'z.h': 5, 'vendor/v.py': 100 }),
      repo('b', { 'main.py': 30, 'lib.h': 40, 'lib.cpp': 10 }),
      repo('c', { 'App.java': 70, 'build.sh': 900 }),
      repo('d', { 'Main.kt': 50, 'Main.java': 50 }),
      repo('e', { 'README.md': 1 }),
    ];
    const expected = JSON.stringify(discover(repos));
    fc.assert(
      fc.property(fc.shuffledSubarray(repos, { minLength: repos.length }), fc.infiniteStream(fc.nat()), (order, seeds) => {
        const shuffled = order.map((r) => ({ ...r, files: [...r.files].sort(() => (seeds.next().value % 3) - 1) }));
        expect(JSON.stringify(discover(shuffled))).toBe(expected);
      }),
      { seed: 20261207, numRuns: 50 },
    );
  });
});

describe('the language table', () => {
  it('names only languages Linguist knows', () => {
    const known = new Set(linguistLanguages().map((l) => l.name));
    const t = table();
    for (const name of [...t.popular.languages, ...t.not_service_code.languages, ...Object.keys(t.names.map)]) expect(known.has(name), name).toBe(true);
    expect(discover([repo('a', { 'a.go': 1 })]).notes).toEqual([]);
  });

  it('gives every Linguist language a questionnaire name: lower case, words joined by hyphens, no two alike', () => {
    const seen = new Map<string, string>();
    for (const l of linguistLanguages()) {
      const name = questionnaireName(l.name, table());
      expect(name, l.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(seen.get(name), `${l.name} and ${seen.get(name)} share ${name}`).toBeUndefined();
      seen.set(name, l.name);
    }
  });

  it('holds patterns this runtime reads', () => {
    const t = table();
    const all = [...t.vendored.patterns, ...t.documentation.patterns, ...t.generated.patterns];
    expect(all.length).toBeGreaterThan(20);
    for (const p of all) expect(pathPattern(p), p).not.toBeNull();
    expect(pathPattern('(?i)\\.designer\\.cs$')!.test('Form.DESIGNER.cs')).toBe(true);
  });

  it('rejects a pattern that is no regular expression, located in the file', () => {
    const files = rubricFiles().map((f) => (f.name.endsWith('/discover-languages.yaml') ? { ...f, text: f.text.replace("- '(^|/)node_modules/'", "- '(^|/node_modules/'") } : f));
    const r = loadRubric(files);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map(formatProblem)).toEqual([expect.stringMatching(/^rubrics\/discover-languages\.yaml:\d+:\d+ vendored\.patterns\.0: not a regular expression this tool can read/)]);
  });

  it('is replaced whole by one in an extension', () => {
    const own = rubricFiles().find((f) => f.name.endsWith('/discover-languages.yaml'))!.text.replace('    - Shell\n', '');
    const r = loadRubric(rubricFiles(), [[{ name: 'ext/discover-languages.yaml', text: own }]]);
    expect(r.ok).toBe(true);
    const t = r.ok ? r.value.knowledge.discoverLanguages! : table();
    expect(discoverLanguages([repo('tools', { 'run.sh': 100 })], t, 'repos').answers[0]?.value).toEqual(['shell']);
  });
});

describe('.gitattributes patterns, as git matches them', () => {
  const lines = (text: string) => parseAttributes(text);
  const language = (text: string, path: string) => attributesFor(lines(text), path).get('linguist-language')?.value;
  it.each([
    ['*.h', 'src/deep/x.h', true],
    ['*.h', 'x.hpp', false],
    ['src/*.h', 'src/x.h', true],
    ['src/*.h', 'src/deep/x.h', false],
    ['/x.h', 'x.h', true],
    ['/x.h', 'a/x.h', false],
    ['**/gen/*.h', 'a/b/gen/x.h', true],
    ['**/gen/*.h', 'gen/x.h', true],
    ['lib/**', 'lib/a/b/c.h', true],
    ['a/**/b.h', 'a/b.h', true],
    ['a/**/b.h', 'a/x/y/b.h', true],
    ['x?.h', 'x1.h', true],
    ['[ab].h', 'b.h', true],
    ['[!ab].h', 'b.h', false],
    ['lib/', 'lib/x.h', false],
    ['"with space.h"', 'with space.h', true],
  ])('%s on %s: %s', (pattern, path, matches) => {
    expect(language(`${pattern} linguist-language=C\n`, path) === 'C').toBe(matches);
  });

  it('reads set, unset, values and unspecified, and ignores other attributes and macros', () => {
    const text = '[attr]ours linguist-vendored\n*.js text eol=lf linguist-vendored\n*.js !linguist-vendored\n*.go -linguist-generated linguist-language=Go\n';
    expect(attributesFor(lines(text), 'a.js').size).toBe(0);
    expect(Object.fromEntries([...attributesFor(lines(text), 'a.go')].map(([k, v]) => [k, v.value]))).toEqual({ 'linguist-generated': false, 'linguist-language': 'Go' });
  });
});

describe('listRepositories: the folders of --repos', () => {
  /** A folder of small fake repositories, made for the test. */
  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'discover-repos-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
      else writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('lists each subfolder as a repository, in name order, with its files and sizes', () => {
    const root = tree({
      'orders/.git/HEAD': 'ref: refs/heads/main\n',
      'orders/main.go': 'package main\n',
      'orders/internal/db.go': 'package internal\n\nfunc Open() {}\n',
      'orders/node_modules/left-pad/index.js': 'module.exports = 1;\n',
      'catalog/.gitattributes': 'gen/** linguist-generated\n',
      'catalog/App.java': 'class App {}\n',
      'catalog/gen/Api.java': 'class Api {}\n',
      '.cache/x.go': 'package x\n',
      'notes.txt': 'not a repository\n',
    });
    const { repos, problems } = listRepositories(root);
    expect(problems).toEqual([]);
    expect(repos).toEqual([
      {
        name: 'catalog',
        files: [
          { path: '.gitattributes', bytes: 26 },
          { path: 'App.java', bytes: 13 },
          { path: 'gen/Api.java', bytes: 13 },
        ],
        attributes: 'gen/** linguist-generated\n',
      },
      {
        name: 'orders',
        files: [
          { path: 'internal/db.go', bytes: 33 },
          { path: 'main.go', bytes: 13 },
        ],
      },
    ]);
    expect(discoverLanguages(repos, table(), root).answers[0]?.value).toEqual(['go', 'java']);
  });

  it('takes the folder itself as the repository when it holds a .git', () => {
    const root = tree({ 'svc/.git/HEAD': '', 'svc/app.py': 'print(1)\n' });
    const { repos } = listRepositories(join(root, 'svc'));
    expect(repos.map((r) => [r.name, r.files])).toEqual([['svc', [{ path: 'app.py', bytes: 9 }]]]);
  });

  it('follows no symbolic link, enters no submodule, and counts only regular files', () => {
    const root = tree({ 'outside/big.py': 'x'.repeat(10_000), 'svc/main.go': 'package main\n', 'svc/sub/.git': 'gitdir: ../.git/modules/sub\n', 'svc/sub/lib.py': 'x = 1\n' });
    symlinkSync(join(root, 'outside'), join(root, 'svc', 'linked'));
    symlinkSync(join(root, 'outside', 'big.py'), join(root, 'svc', 'big.py'));
    execFileSync('mkfifo', [join(root, 'svc', 'pipe.py')]);
    symlinkSync(join(root, 'outside'), join(root, 'linked-repo'));
    const { repos, problems } = listRepositories(root);
    expect(problems).toEqual([]);
    expect(repos.map((r) => [r.name, r.files.map((f) => f.path)])).toEqual([
      ['outside', ['big.py']],
      ['svc', ['main.go']],
    ]);
  });

  it('stops at the most files a repository may list, with a problem naming it', () => {
    const root = tree({ 'big/a.go': '1', 'big/b/c.go': '2', 'big/b/d.go': '3', 'big/e.go': '4', 'small/x.go': '5' });
    const { repos, problems } = listRepositories(root, { maxFiles: 3 });
    expect(repos.map((r) => [r.name, r.files.map((f) => f.path)])).toEqual([
      // A folder's own files first, then its folders: a.go and e.go, then b/c.go.
      ['big', ['a.go', 'b/c.go', 'e.go']],
      ['small', ['x.go']],
    ]);
    expect(problems.map(formatProblem)).toEqual([`${join(root, 'big')} holds more than 3 files; only the first 3 found, folder by folder in name order, were counted`]);
  });

  it('says, with the path, when --repos names nothing it can read', () => {
    const root = tree({ 'file.txt': 'x' });
    expect(listRepositories(join(root, 'missing')).problems.map(formatProblem)).toEqual([`${join(root, 'missing')} does not exist; give --repos a folder of repositories, or one repository`]);
    expect(listRepositories(join(root, 'file.txt')).problems.map(formatProblem)).toEqual([`${join(root, 'file.txt')} is not a folder; give --repos a folder of repositories, or one repository`]);
  });
});
