import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli/main.js';
import { fields } from '../src/core/questionnaire/fields.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { interviewFields, parseAnswer, promptHint, questionnaireTemplate } from '../src/core/questionnaire/template.js';
import { CLI, ROOT, memoryIo, rubric, run, runMain } from './helpers.js';

/** What a user gets by uncommenting every field line (`# key:`) and dropping the question comments. */
const uncommented = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/^(\s*)# (\s*[a-z0-9_]+:)/, '$1$2'))
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');

describe('mesh-assess init', () => {
  it('writes every field of the questionnaire with its question, required ones left to fill', () => {
    const text = runMain(['init', '-']).stdout;
    for (const f of fields().values()) {
      if (f.derived) continue;
      expect(text, f.path).toContain(`${f.path.split('.').pop()}:`);
      expect(text, f.path).toContain(f.question.split(' ').slice(0, 4).join(' '));
    }
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=node_modules/mesh-assess/schema/questionnaire.schema.json');
    const problems = loadQuestionnaire('org.yaml', text);
    expect(problems.ok).toBe(false);
    expect(problems.ok ? [] : problems.problems.map((p) => p.path)).toEqual(['org.name', 'services.count', 'services.languages', 'platform_team.exists']);
  });

  it('validated as written, says only that each required answer is empty, what to fill in and the question', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-init-'));
    const file = join(dir, 'x.yaml');
    expect(run(['init', file]).code).toBe(0);
    const r = run(['validate', file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^.+x\.yaml:\d+:\d+ [a-z_.]+: required, and left empty: fill in (text|a whole number >= 0|a list of names|true or false); [A-Z].+\?$/);
    expect(r.stderr).not.toMatch(/leave the key out/);
  });

  it('uncommented, its structure is the questionnaire: every key in its right section', () => {
    const data = parse(uncommented(runMain(['init', '-']).stdout)) as Record<string, Record<string, unknown>>;
    expect(Object.keys(data)).toEqual([...fields().values()].filter((f) => !f.derived && !f.path.includes('.')).map((f) => f.path));
    expect(Object.keys(data.incidents!.causes as object)).toContain('service_communication');
  });

  it('with answers, gives a valid questionnaire that assesses', () => {
    const answers = new Map<string, unknown>([['org.name', 'Init Co'], ['services.count', 40], ['services.languages', ['go', 'java', 'python']], ['platform_team.exists', true], ['security.mandate', 'required'], ['incidents.causes.database', 4]]);
    const q = loadQuestionnaire('org.yaml', questionnaireTemplate(answers));
    expect(q.ok).toBe(true);
    expect(q.ok && q.value.data.security?.mandate).toBe('required');
    expect(q.ok && q.value.data.incidents?.causes?.database).toBe(4);
  });

  it('never replaces a file without --force', () => {
    const r = runMain(['init', 'examples/minimal.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/examples\/minimal.yaml the file exists; init never replaces a file; pass --force/);
    const { io, out } = memoryIo();
    expect(main(['init', 'examples/minimal.yaml', '--force'], io)).toBe(0);
    expect(out.written.get('examples/minimal.yaml')).toContain('services:');
  });

  it('the built CLI writes the file once, then refuses', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mesh-assess-init-')), 'org.yaml');
    const first = run(['init', file]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`wrote ${file}`);
    expect(readFileSync(file, 'utf8')).toContain('# How many deployable services call each other?');
    writeFileSync(file, 'mine\n');
    expect(run(['init', file]).code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });
});

describe('mesh-assess init --interactive', () => {
  const questions = () => interviewFields(rubric(), 12);

  it('asks the required answers first, then the optional ones the rubric weighs most', () => {
    const qs = questions().map((f) => f.path);
    expect(qs.slice(0, 4)).toEqual(['org.name', 'services.count', 'services.languages', 'platform_team.exists']);
    expect(qs).toHaveLength(16);
    expect(qs).toContain('security.mandate');
    expect(qs).toContain('leadership.accepts_standing_cost');
    expect(qs).not.toContain('org.contact');
  });

  it('asks, re-asks a bad answer, skips what is left blank, and writes a valid file', async () => {
    const script = ['Interview Co', 'many', '25', 'go, java, python', 'yes', 'true', 'required'];
    const asked: string[] = [];
    const { io, out } = memoryIo({ prompt: async (q) => (asked.push(q), script.shift() ?? '') });
    const code = await main(['init', 'new.yaml', '--interactive'], io);
    expect(code).toBe(0);
    expect(out.stderr).toContain('expected a whole number >= 0, got "many"');
    expect(asked.filter((q) => q.startsWith('How many deployable services'))).toHaveLength(2);
    const q = loadQuestionnaire('new.yaml', out.written.get('new.yaml')!);
    expect(q.ok).toBe(true);
    expect(q.ok && q.value.data.services.languages).toEqual(['go', 'java', 'python']);
    expect(q.ok && q.value.data.security?.mandate).toBe('required');
  });

  it('writes nothing when input ends early', async () => {
    const { io, out } = memoryIo({ prompt: async () => null });
    expect(await main(['init', 'new.yaml', '--interactive'], io)).toBe(2);
    expect(out.written.size).toBe(0);
  });

  it('needs a terminal', () => {
    const r = run(['init', '-', '--interactive']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--interactive needs a terminal');
  });

  // In a real terminal: util-linux's script(1) gives the CLI one, and passes on what is typed.
  const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux');
  it.runIf(SCRIPT)('in a terminal, Ctrl-D at a question stops the interview: one line, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-tty-'));
    // The pauses only pace the typing; the kill timer is a hang guard.
    const typed = `(sleep 1; printf 'Acme\\r'; sleep 1; printf '\\004'; sleep 1) | script -qec '"$NODE" "$CLI" init new.yaml --interactive' /dev/null`;
    const r = spawnSync('sh', ['-c', typed], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', NODE: process.execPath, CLI }, timeout: 60_000, killSignal: 'SIGKILL' });
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/How many deployable services call each other\?/);
    expect(r.stdout).toMatch(/init: stopped before all required answers were given; nothing written\r?\n$/);
    expect(r.stdout).not.toMatch(/\n\s+at |Error/);
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });
});

describe('typed answers at the init prompt', () => {
  const field = (path: string) => fields().get(path)!;
  it.each(['yes', 'Yes', 'y', 'Y', 'true', 'TRUE'])('%s is yes for a flag', (text) => {
    expect(parseAnswer(field('platform_team.exists'), text)).toEqual({ ok: true, value: true });
  });
  it.each(['no', 'No', 'n', 'N', 'false', 'False'])('%s is no for a flag', (text) => {
    expect(parseAnswer(field('platform_team.exists'), text)).toEqual({ ok: true, value: false });
  });
  it('asks the governance questions added in 1.1 as flags, and writes what is typed into a valid file', () => {
    const added = ['governance.scoped_config_ownership', 'governance.validated_kill_switch', 'governance.upgrade_strategy', 'governance.responsibilities_matrix'];
    const answers = new Map<string, unknown>([['org.name', 'Init Co'], ['services.count', 40], ['services.languages', ['go']], ['platform_team.exists', true]]);
    added.forEach((path, i) => {
      expect(promptHint(field(path))).toBe('yes or no');
      expect(field(path).question).toMatch(/\?$/);
      const typed = parseAnswer(field(path), i % 2 === 0 ? 'yes' : 'n');
      expect(typed).toEqual({ ok: true, value: i % 2 === 0 });
      expect(parseAnswer(field(path), 'sometimes').ok).toBe(false);
      answers.set(path, (typed as { value: unknown }).value);
    });
    const q = loadQuestionnaire('org.yaml', questionnaireTemplate(answers));
    expect(q.ok && q.value.data.governance).toEqual({ scoped_config_ownership: true, validated_kill_switch: false, upgrade_strategy: true, responsibilities_matrix: false });
  });
  it('takes an option in any case, and offers the nearest one for a typo', () => {
    expect(parseAnswer(field('security.mandate'), 'Required')).toEqual({ ok: true, value: 'required' });
    expect(parseAnswer(field('security.mandate'), 'requird')).toEqual({ ok: false, message: 'expected one of none, nice-to-have, planned, required, got "requird"; did you mean required?' });
  });
  it('reads a list as comma-separated items, options in any case, and says so at the prompt', () => {
    expect(parseAnswer(field('services.languages'), 'Go, kotlin')).toEqual({ ok: true, value: ['Go', 'kotlin'] });
    expect(parseAnswer(field('services.protocols'), 'HTTP, grpc')).toEqual({ ok: true, value: ['http', 'grpc'] });
    expect(promptHint(field('services.languages'))).toBe('a list of names, comma-separated');
    expect(promptHint(field('platform_team.exists'))).toBe('yes or no');
  });
});

describe('mesh-assess help COMMAND', () => {
  it("shows that command's help, not two files named help and init", () => {
    const r = run(['help', 'init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: mesh-assess init \[options\] \[file\]/);
    expect(r.stderr).toBe('');
    expect(run(['help']).stdout).toMatch(/^Usage: mesh-assess \[options\] \[command\] <files\.\.\.>/);
  });

  it('an unknown command is one line and exit 2, with the nearest name', () => {
    const r = run(['help', 'initt']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("error: unknown command 'initt'; did you mean init?\n");
  });
});

describe("init points the editor at a schema that resolves from the new file", () => {
  const cliIn = (cwd: string, args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  const modeline = (file: string) => /^# yaml-language-server: \$schema=(.+)$/m.exec(readFileSync(file, 'utf8'))![1]!;

  it('wherever the file is made: the path is from its own directory to the installed schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-modeline-'));
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    for (const [cwd, file] of [[dir, 'deep/er/org.yaml'], [join(dir, 'deep'), 'org.yaml'], [dir, join(dir, 'abs.yaml')]] as const) {
      expect(cliIn(cwd, ['init', file]).status).toBe(0);
      const target = resolve(dirname(resolve(cwd, file)), modeline(resolve(cwd, file)));
      expect(target).toBe(join(ROOT, 'schema', 'questionnaire.schema.json'));
      expect(existsSync(target)).toBe(true);
    }
  });

  it('--with-schema writes the schema beside the file and points at that copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-modeline-'));
    mkdirSync(join(dir, 'arch'));
    expect(cliIn(dir, ['init', '--with-schema', 'arch/org.yaml']).status).toBe(0);
    expect(modeline(join(dir, 'arch', 'org.yaml'))).toBe('./questionnaire.schema.json');
    expect(readFileSync(join(dir, 'arch', 'questionnaire.schema.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'schema', 'questionnaire.schema.json'), 'utf8'));
    // It never replaces a file without --force, the copy included.
    const again = cliIn(dir, ['init', '--with-schema', 'arch/other.yaml']);
    expect(again.status).toBe(2);
    expect(existsSync(join(dir, 'arch', 'other.yaml'))).toBe(false);
  });
});

describe('init --with-schema writes both files or neither', () => {
  const cli = (cwd: string, args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 60_000 });

  // Each makes, in an empty directory, something that keeps q.yaml or its schema copy from being written.
  it.each([
    ['the questionnaire is a directory', (dir: string) => mkdirSync(join(dir, 'q.yaml')), [], /^q\.yaml cannot write: it is a directory, not a file; /],
    ['the questionnaire is a directory, with --force', (dir: string) => mkdirSync(join(dir, 'q.yaml')), ['--force'], /^q\.yaml cannot write: it is a directory, not a file; /],
    ['the questionnaire exists, too large for init to read it', (dir: string) => writeFileSync(join(dir, 'q.yaml'), 'a'.repeat(2 * 1024 * 1024)), [], /^q\.yaml cannot write: the file exists; pass --force to replace it/],
    ['the questionnaire is a named pipe', (dir: string) => spawnSync('mkfifo', [join(dir, 'q.yaml')]), ['--force'], /^q\.yaml cannot write: it is a named pipe, not a file; /],
    ['the questionnaire is a link to nowhere', (dir: string) => symlinkSync('nowhere', join(dir, 'q.yaml')), [], /^q\.yaml cannot write: the file exists; /],
    ['the schema copy is a link to nowhere, found only as it is put in place', (dir: string) => symlinkSync('nowhere', join(dir, 'questionnaire.schema.json')), [], /^questionnaire\.schema\.json cannot write: the file exists; /],
    ['the schema copy is a directory', (dir: string) => mkdirSync(join(dir, 'questionnaire.schema.json')), ['--force'], /^questionnaire\.schema\.json cannot write: it is a directory, not a file; /],
  ] as const)('%s: one line, exit 2, nothing written', (_what, make, flags, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-init-both-'));
    make(dir);
    const before = readdirSync(dir).sort();
    const r = cli(dir, ['init', 'q.yaml', '--with-schema', ...flags]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('a questionnaire named as its own schema copy is refused, not half written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-init-both-'));
    const r = cli(dir, ['init', 'questionnaire.schema.json', '--with-schema']);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('both are written when both can be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-init-both-'));
    const r = cli(dir, ['init', 'q.yaml', '--with-schema']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('wrote questionnaire.schema.json\nwrote q.yaml; check it with: mesh-assess validate q.yaml\n');
    expect(readdirSync(dir).sort()).toEqual(['q.yaml', 'questionnaire.schema.json']);
  });
});
