import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAUSES, categoryKey, type IncidentTable } from '../src/core/discover/incidents/incident-table.js';
import { dayText, discoverIncidents, incidentDay, incidentMapOf, incidentMapTemplate, monthsSpanned, parseIncidentMap, type IncidentMap } from '../src/core/discover/incidents/incidents.js';
import { formatProblem } from '../src/core/text/problem.js';
import { fields } from '../src/core/questionnaire/fields.js';
import { loadRubric } from '../src/core/rubric/load.js';
import { ROOT, rubric, rubricFiles } from './helpers.js';

const table = (): IncidentTable => rubric().knowledge.discoverIncidents!;
const starter = () => incidentMapOf(table());
const fixture = (name: string) => ({ name: `test/fixtures/incidents/${name}`, text: readFileSync(join(ROOT, 'test', 'fixtures', 'incidents', name), 'utf8') });
const answersOf = (r: ReturnType<typeof discoverIncidents>) => Object.fromEntries(r.report.answers.map((a) => [a.path, a.value]));
const csv = (text: string, name = 'export.csv') => ({ name, text });
const problemsOf = (r: { problems: Parameters<typeof formatProblem>[0][] }) => r.problems.map(formatProblem);
const map = (entries: Record<string, (typeof CAUSES)[number]>): IncidentMap => ({ causes: new Map(Object.entries(entries).map(([k, v]) => [categoryKey(k), v])) });

describe('the starter map (rubrics/discover-incidents.yaml)', () => {
  it('loads with the built-in rubric set, and places a name under every one of the nine causes', () => {
    const placed = new Set(table().categories.map((c) => c.cause));
    expect(CAUSES.filter((c) => !placed.has(c))).toEqual([]);
  });

  it('records the column layouts of exports whose documentation it cites', () => {
    expect(table().exports.map((e) => [e.tool, e.cause_column, e.date_column])).toEqual([
      ['GitLab', 'Labels', 'Created At (UTC)'],
      ['Cortex XSOAR', 'type', 'occurred'],
    ]);
    for (const e of table().exports) expect(e.source).toMatch(/https:\/\//);
  });

  const edited = (edit: (t: string) => string) => {
    const text = readFileSync(join(ROOT, 'rubrics', 'discover-incidents.yaml'), 'utf8');
    const changed = edit(text);
    expect(changed).not.toBe(text);
    const files = rubricFiles().map((f) => (f.name.endsWith('/discover-incidents.yaml') ? { name: 'discover-incidents.yaml', text: changed } : f));
    const r = loadRubric(files);
    return r.ok ? [] : r.problems.map(formatProblem);
  };

  it.each([
    ['a name with neither a source nor an estimate', (t: string) => t.replace('  - name: timeout\n    cause: service_communication\n    estimate: { basis: "A timeout is the first thing the question names." }\n', '  - name: timeout\n    cause: service_communication\n'), /^discover-incidents.yaml:\d+:5 categories.0: give the category a source \(a page that uses the name\) or an estimate with its basis$/],
    ['a source without the month it was read', (t: string) => t.replace('    as_of: 2026-12\n  - name: databases', '  - name: databases'), /categories.\d+: give a source the month it was read \(as_of\), and an as_of its source$/],
    ['a cause that is not one of the nine', (t: string) => t.replace('  - name: timeouts\n    cause: service_communication', '  - name: timeouts\n    cause: timeouts'), /categories.1.cause: .*service_communication/],
    ['the same name twice once case and spaces are ignored', (t: string) => t.replace('  - name: retry storm\n', '  - name: " Time_Out "\n').replace('  - name: cascading failure\n', '  - name: TIME OUT\n'), /^discover-incidents.yaml:\d+:\d+ categories.3.name: "TIME OUT" is the same category as entry 3 \(" Time_Out "\) once case and spaces are ignored$/],
    ['an export layout without its source', (t: string) => t.replace('    source: "GitLab documentation, Export issues to CSV (Format; Columns): https://docs.gitlab.com/user/project/issues/csv_export/"\n', ''), /exports.0.source: .*expected string/],
  ])('rejects %s, located', (_what, edit, expected) => {
    const found = edited(edit);
    expect(found.filter((p) => expected.test(p))).toHaveLength(1);
  });
});

describe('the map --init-incident-map writes', () => {
  it('says what it is, then lists every starter name under its cause, each cause after its question', () => {
    const text = incidentMapTemplate(table());
    expect(text).toMatch(/^# The incident map of mesh-assess discover/);
    expect(text).toMatch(/\ncategories:\n  # service_communication: How many incidents were timeouts, retry storms or cascading failures between services\?\n  timeout: service_communication\n/);
    // The groups follow the questionnaire's order, each headed by its question.
    const heads = [...text.matchAll(/^ {2}# ([a-z_]+): (.*)$/gm)].map((m) => [m[1], m[2]]);
    expect(heads).toEqual(CAUSES.map((c) => [c, fields().get(`incidents.causes.${c}`)!.question]));
    expect(text).toContain('\n  inquiry / help: other\n');
  });

  it('reads back to the starter map', () => {
    const r = parseIncidentMap({ name: 'incident-map.yaml', text: incidentMapTemplate(table()) }, table());
    expect(r.problems).toEqual([]);
    expect(r.map).toEqual(starter());
    expect(r.map.causes.size).toBe(table().categories.length);
  });

  it('reads back to the map of any table, whatever its names', () => {
    const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => categoryKey(s) !== '');
    const anyTable = fc.uniqueArray(fc.record({ name, cause: fc.constantFrom(...CAUSES) }), { minLength: 1, maxLength: 12, selector: (c) => categoryKey(c.name) });
    fc.assert(
      fc.property(anyTable, (categories) => {
        const t: IncidentTable = { categories: categories.map((c) => ({ ...c, estimate: { basis: 'test' } })), exports: [] };
        const r = parseIncidentMap({ name: 'm.yaml', text: incidentMapTemplate(t) }, t);
        expect(r.problems).toEqual([]);
        expect(r.map).toEqual(incidentMapOf(t));
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });
});

describe('reading an incident map', () => {
  const read = (text: string) => problemsOf(parseIncidentMap({ name: 'map.yaml', text }, table()));

  it('matches names without regard to case or word separators', () => {
    const r = parseIncidentMap({ name: 'map.yaml', text: 'categories:\n  Third-Party: other\n  "DB Outage": database\n' }, table());
    expect(r.problems).toEqual([]);
    expect([...r.map.causes]).toEqual([
      ['third party', 'other'],
      ['db outage', 'database'],
    ]);
  });

  it.each([
    ['a cause misspelt', 'categories:\n  timeouts: service_comunication\n', 'map.yaml:2:13 categories.timeouts: "service_comunication" is not one of the nine causes; did you mean service_communication?'],
    ['a category written as the cause', 'categories:\n  slow calls: timeout\n', 'map.yaml:2:15 categories.slow calls: "timeout" is not one of the nine causes; "timeout" is a category name; the starter map counts it under service_communication'],
    ['a category with no cause', 'categories:\n  latency:\n', 'map.yaml:2:3 categories.latency: no cause for the category "latency"; one of service_communication, certificates, release_traffic, database, deploy_pipeline, ownership, capacity, application, other'],
    ['an unknown key', 'categorys:\n  a: other\n', 'map.yaml:1:1 categorys: unknown key "categorys"; did you mean categories?'],
    ['one name twice with two causes', 'categories:\n  Time Out: other\n  time_out: service_communication\n', 'map.yaml:3:3 categories.time_out: "time_out" is the category "Time Out" of line 2 once case and spaces are ignored, which counts under other, not service_communication; keep one of the two'],
    ['no categories', 'categories: {}\n', 'map.yaml:1:13 categories: the map places no category; write categories: and under it one line per category, name: cause; discover --init-incident-map writes a map to start from'],
    ['a list instead of a mapping', 'categories:\n  - timeout\n', 'map.yaml:2:3 categories: expected one line per category under categories, name: cause; write categories: and under it one line per category, name: cause; discover --init-incident-map writes a map to start from'],
  ])('reports %s, located', (_what, text, expected) => {
    expect(read(text)).toEqual([expected]);
  });

  it('reports a YAML syntax error located, and gives no map', () => {
    const r = parseIncidentMap({ name: 'map.yaml', text: 'categories:\n  a: "open\n' }, table());
    expect(r.problems.length).toBeGreaterThan(0);
    expect(formatProblem(r.problems[0]!)).toMatch(/^map.yaml:\d+:\d+ invalid YAML/);
    expect(r.map.causes.size).toBe(0);
  });

  it('accepts the same name twice under the same cause', () => {
    expect(read('categories:\n  DB: database\n  db: database\n')).toEqual([]);
  });
});

describe('dates', () => {
  it.each([
    ['2025-03-14', '2025-03-14'],
    ['2025-03-14T09:30:00Z', '2025-03-14'],
    ['2025-03-14 09:30:00', '2025-03-14'],
    ['2025-03-14T09:30', '2025-03-14'],
    ['2025-03-14T09:30:00.123456+01:00', '2025-03-14'],
    ['2025-03-14T23:30:00-02:00', '2025-03-15'],
    ['2025-03-14T00:30:00+0100', '2025-03-13'],
    ['2024-02-29T12:00:00+05', '2024-02-29'],
    ['2025-03-14T23:30:00', '2025-03-14'],
  ])('reads %s as the day %s (a time with a zone is moved to UTC first)', (text, day) => {
    expect(dayText(incidentDay(text)!)).toBe(day);
  });

  it.each(['14/03/2025', '2025-3-14', '2025-02-29', '2025-13-01', '2025-03-14T24:00:00', '2025-03-14Z', '2025-03-14T09:30:00+25:00', 'March 14, 2025', '', '1899-12-31'])('does not read %j', (text) => {
    expect(incidentDay(text)).toBeUndefined();
  });

  it('reads back every day it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayOf('1900-01-01'), max: dayOf('9999-12-31') }), (day) => {
        expect(incidentDay(dayText(day))).toBe(day);
      }),
      { numRuns: 500, seed: 20261204 },
    );
  });

  it.each([
    ['2025-01-03', '2025-12-19', 12],
    ['2025-01-01', '2026-01-01', 12],
    ['2025-01-01', '2026-01-02', 13],
    ['2025-01-31', '2025-02-28', 1],
    ['2025-01-31', '2025-03-01', 2],
    ['2025-06-10', '2025-06-10', 1],
    ['2024-02-29', '2025-02-28', 12],
  ])('counts %s to %s as %i months', (a, b, months) => {
    expect(monthsSpanned(dayOf(a), dayOf(b))).toBe(months);
  });

  it('counts a part of a month as a whole one, and never less than the days spanned allow', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayOf('1990-01-01'), max: dayOf('2100-01-01') }), fc.nat({ max: 4000 }), (first, span) => {
        const months = monthsSpanned(first, first + span);
        expect(months).toBeGreaterThanOrEqual(1);
        // A month is 28 to 31 days long.
        expect(months).toBeGreaterThanOrEqual(Math.ceil(span / 31));
        expect(months).toBeLessThanOrEqual(Math.max(1, Math.ceil(span / 28)));
      }),
      { numRuns: 500, seed: 20261205 },
    );
  });
});

function dayOf(text: string): number {
  return incidentDay(text)!;
}

describe('counting a GitLab issue export', () => {
  const run = (mapFile?: string) => discoverIncidents(fixture('gitlab-issues.csv'), { causeColumn: 'Labels', dateColumn: 'Created At (UTC)' }, starter(), mapFile);

  it('answers the months spanned and every one of the nine causes, every incident counted once', () => {
    const r = run();
    expect(r.problems).toEqual([]);
    expect(answersOf(r)).toEqual({
      'incidents.period_months': 12,
      'incidents.causes.service_communication': 2,
      'incidents.causes.certificates': 2,
      'incidents.causes.release_traffic': 1,
      'incidents.causes.database': 2,
      'incidents.causes.deploy_pipeline': 1,
      'incidents.causes.ownership': 0,
      'incidents.causes.capacity': 1,
      'incidents.causes.application': 1,
      'incidents.causes.other': 4 + 1,
    });
  });

  it('lists what went to other without a cause, with counts, and how the period was measured', () => {
    expect(run().report.notes).toEqual([
      'The period runs from the first incident of test/fixtures/incidents/gitlab-issues.csv to the last (2025-01-03 to 2025-12-19): 12 months. If the export covered a longer window, give incidents.period_months that window\'s length instead.',
      '1 incident in the category "incident", which the map does not place: counted as other.',
      '1 incident in the category "incident,flaky switch", which the map does not place: counted as other.',
      '1 incident with labels naming more than one cause (database, capacity): counted as other.',
      '1 incident with no category, counted as other.',
      'Categories were placed by the starter map (discover-incidents.yaml of the rubric set): check that it fits your categories, or write your own with discover --init-incident-map and give it with --incident-map.',
    ]);
  });

  it('cites the export, with what the answer rests on and the counts by cause, and the map when it was a file', () => {
    const r = run('incident-map.yaml');
    const db = r.report.answers.find((a) => a.path === 'incidents.causes.database')!;
    expect(db.evidence).toEqual([
      {
        source: 'test/fixtures/incidents/gitlab-issues.csv',
        summary: '15 incidents from 2025-01-03 to 2025-12-19, 15 categories; here: "database" (1), "db" with "migration" (1)',
        counts: { service_communication: 2, certificates: 2, release_traffic: 1, database: 2, deploy_pipeline: 1, ownership: 0, capacity: 1, application: 1, other: 5 },
      },
      { source: 'incident-map.yaml', summary: `the incident map, which places ${starter().causes.size} categories under the nine causes` },
    ]);
    const other = r.report.answers.find((a) => a.path === 'incidents.causes.other')!;
    expect(other.evidence[0]!.summary).toBe('15 incidents from 2025-01-03 to 2025-12-19, 15 categories; here: "network" (1), "incident" (1, not in the map), "incident,flaky switch" (1, not in the map), labels naming several causes (1), no category (1)');
    expect(r.report.answers.find((a) => a.path === 'incidents.period_months')!.evidence[0]!.summary).toBe('15 incidents from 2025-01-03 to 2025-12-19, 15 categories; dates from the "Created At (UTC)" column');
    expect(r.report.notes.some((n) => n.startsWith('Categories were placed by the starter map'))).toBe(false);
  });

  it('gives the same report every time', () => {
    expect(JSON.stringify(run())).toBe(JSON.stringify(run()));
  });
});

describe('counting a Cortex XSOAR export', () => {
  const r = discoverIncidents(fixture('xsoar-incidents.csv'), { causeColumn: 'type', dateColumn: 'occurred' }, starter());

  it('moves a time with a zone to UTC before taking its day', () => {
    // 2025-03-31T23:30-02:00 is 1 April in UTC, 2025-07-01T01:00+02:00 is 30 June: three months, not four.
    expect(answersOf(r)['incidents.period_months']).toBe(3);
    expect(r.report.notes[0]).toContain('(2025-04-01 to 2025-06-30): 3 months');
  });

  it('counts "Database" and "database" as one category, and a type the map does not know as other', () => {
    expect(answersOf(r)).toMatchObject({ 'incidents.causes.database': 2, 'incidents.causes.certificates': 1, 'incidents.causes.release_traffic': 1, 'incidents.causes.capacity': 1, 'incidents.causes.other': 1 });
    expect(r.report.notes).toContain('1 incident in the category "Phishing", which the map does not place: counted as other.');
  });
});

describe('an export that cannot be counted', () => {
  const header = 'id,category,created\n';
  const run = (text: string, opts = { causeColumn: 'category', dateColumn: 'created' }) => discoverIncidents(csv(text), opts, starter());

  it('names a column that is not in the header, with the nearest one, and answers nothing', () => {
    const r = run(`${header}1,db,2025-01-01\n`, { causeColumn: 'categroy', dateColumn: 'opened' });
    expect(problemsOf(r)).toEqual(['export.csv:1:1 no column named "categroy" (the --cause-column); did you mean category?', 'export.csv:1:1 no column named "opened" (the --date-column); the columns are "id", "category" and "created"']);
    expect(r.report.answers).toEqual([]);
  });

  it('takes a column named with other case or spacing when no other column is that close', () => {
    expect(run(`${header}1,db,2025-01-01\n`, { causeColumn: 'Category', dateColumn: ' CREATED ' }).problems).toEqual([]);
  });

  it('says when two columns answer to the name given', () => {
    expect(problemsOf(run('id,Category,category,created\n1,a,b,2025-01-01\n', { causeColumn: 'CATEGORY', dateColumn: 'created' }))).toEqual(['export.csv:1:1 2 columns are named "CATEGORY" (columns 2 and 3), so the --cause-column is unclear; rename one of them in the export']);
  });

  it('recognises a file separated by semicolons', () => {
    expect(problemsOf(run('id;category;created\n1;db;2025-01-01\n'))[0]).toBe('export.csv:1:1 no column named "category" (the --cause-column); the header has no commas but has semicolons: export the file with commas between fields');
  });

  it('reports each date it cannot read where it stands, with the column as the path, and answers nothing', () => {
    const r = run(`${header}1,db,2025-01-01\n2,db,14/03/2025\n3,db,\n`);
    expect(problemsOf(r)).toEqual([
      'export.csv:3:6 created: expected a date such as 2025-03-14, or a date and time such as 2025-03-14T09:30:00Z or 2025-03-14 09:30:00; got "14/03/2025"',
      'export.csv:4:6 created: expected a date such as 2025-03-14, or a date and time such as 2025-03-14T09:30:00Z or 2025-03-14 09:30:00; the field is empty',
    ]);
    expect(r.report.answers).toEqual([]);
  });

  it('lists twenty dates it cannot read, and counts the rest in one more line', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${i},db,yesterday\n`).join('');
    const found = problemsOf(run(header + rows));
    expect(found).toHaveLength(21);
    expect(found[20]).toBe('export.csv:22:7 created: and 5 more dates in the "created" column that cannot be read, not listed');
  });

  it('reports a broken row and answers nothing, rather than count an export it could not read whole', () => {
    const r = run(`${header}1,db,2025-01-01\n2,"db,2025-01-02\n`);
    expect(problemsOf(r)).toEqual(['export.csv:3:3 this quoted field never ends: its closing quote is missing, so the rest of the file reads as part of it; close the field with a quote, and write every quote inside it twice ("")']);
    expect(r.report.answers).toEqual([]);
  });

  it('lists twenty rows of the wrong width, and counts the rest in one more line', () => {
    const rows = Array.from({ length: 23 }, (_, i) => `${i},db\n`).join('');
    const found = problemsOf(run(header + rows));
    expect(found).toHaveLength(21);
    expect(found[20]).toBe('export.csv:22:1 and 3 more rows with another number of fields than the header, not listed');
  });

  it('answers nothing for a header without incidents, and says why', () => {
    const r = run(header);
    expect(r).toEqual({ report: { answers: [], notes: ['export.csv holds a header and no incidents; nothing was answered, since an empty export cannot tell a quiet period from a filter that matched nothing.'] }, problems: [] });
  });

  it('reports an empty file', () => {
    expect(problemsOf(run(''))).toEqual(['export.csv:1:1 the file is empty: an incident export starts with a header row naming its columns']);
  });
});

describe('counting by cause', () => {
  const run = (rows: string[], m: IncidentMap) => discoverIncidents(csv(`category,date\n${rows.map((c) => `${c},2025-01-01`).join('\n')}\n`), { causeColumn: 'category', dateColumn: 'date' }, m, 'map.yaml');

  it('counts incidents with no category as other, in one line', () => {
    const r = run(['', '" "', 'db'], map({ db: 'database' }));
    expect(answersOf(r)['incidents.causes.other']).toBe(2);
    expect(r.report.notes).toContain('2 incidents with no category, counted as other.');
  });

  it('says which causes no category of the map leads to, since they can only read 0', () => {
    const r = run(['db'], map({ db: 'database', bug: 'application' }));
    expect(r.report.notes).toContain('No category of the map counts under service_communication, certificates, release_traffic, deploy_pipeline, ownership and capacity, so they read 0: an incident of that cause, if there was one, is counted under whatever category it was filed in.');
  });

  it('shows a category from the export with its control characters escaped', () => {
    const r = run(['"bad\u001b[2Jname"'], map({ db: 'database' }));
    expect(r.report.notes).toContain('1 incident in the category "bad\\x1B[2Jname", which the map does not place: counted as other.');
  });

  it('counts every incident exactly once, whatever its category', () => {
    const m = map({ timeout: 'service_communication', db: 'database', tls: 'certificates', bug: 'application' });
    const category = fc.constantFrom('timeout', 'DB', 'Tls', 'bug', 'mystery', '', '"db,bug"', '"db,timeout"', '"tls,flaky"', '"a,b"', 'Time-Out');
    fc.assert(
      fc.property(fc.array(category, { minLength: 1, maxLength: 40 }), (cats) => {
        const a = answersOf(run(cats, m));
        expect(CAUSES.reduce((sum, c) => sum + (a[`incidents.causes.${c}`] as number), 0)).toBe(cats.length);
        expect(a['incidents.causes.database']).toBe(cats.filter((c) => c === 'DB').length);
        expect(a['incidents.causes.certificates']).toBe(cats.filter((c) => c === 'Tls' || c === '"tls,flaky"').length);
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });
});
