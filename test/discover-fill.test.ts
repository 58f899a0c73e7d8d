import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillQuestionnaire, type Fill } from '../src/core/discover/fill.js';
import { provenanceByLine } from '../src/core/questionnaire/provenance.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { questionnaireTemplate } from '../src/core/questionnaire/template.js';
import { ROOT } from './helpers.js';

const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');
const fill = (path: string, value: unknown, note = `from cluster prod.json: evidence for ${path}`): Fill => ({ path, value, notes: [note] });

/** The lines of `before`, in order, are all still in `after`: nothing was changed or removed. */
function kept(before: string, after: string): boolean {
  const lines = after.split('\n');
  let i = 0;
  for (const line of before.split('\n')) {
    while (i < lines.length && lines[i] !== line) i++;
    if (i === lines.length) return false;
    i++;
  }
  return true;
}

describe('discover --into', () => {
  it('fills only what the file leaves out, changes no line of it, and the result validates', () => {
    const before = example('no-platform-team.yaml');
    const r = fillQuestionnaire('org.yaml', before, [fill('kubernetes.provider', 'eks'), fill('kubernetes.pods', 4200), fill('traffic.mirroring', true), fill('existing.mesh', 'istio')]);
    expect(r.problems).toEqual([]);
    expect(kept(before, r.text)).toBe(true);
    const loaded = loadQuestionnaire('org.yaml', r.text);
    expect(loaded.ok, loaded.ok ? '' : JSON.stringify(loaded.problems)).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.data.kubernetes?.provider).toBe('eks');
    expect(loaded.value.data.traffic?.mirroring).toBe(true);
    expect(loaded.value.data.existing?.mesh).toBe('none');
    expect(r.filled).toEqual(['kubernetes.provider', 'traffic.mirroring']);
    expect(r.disagreements.map((d) => d.path)).toEqual(['existing.mesh']);
  });

  it('lists where the evidence disagrees with an answer, and leaves the answer as it is', () => {
    const before = example('no-platform-team.yaml');
    const r = fillQuestionnaire('org.yaml', before, [fill('kubernetes.pods', 3900), fill('kubernetes.clusters', 8), fill('services.languages', ['Go', 'java', 'kotlin', 'python', 'csharp'])]);
    expect(r.text).toBe(before);
    expect(r.disagreements).toEqual([{ path: 'kubernetes.pods', answered: 4200, discovered: 3900, line: 19, col: 9, notes: ['from cluster prod.json: evidence for kubernetes.pods'] }]);
  });

  it('puts an answer at the end of its section, with its evidence above it, and a missing section at the end', () => {
    const before = example('minimal.yaml');
    const r = fillQuestionnaire('org.yaml', before, [fill('services.protocols', ['http', 'grpc']), fill('kubernetes.pods', 40), fill('kubernetes.in_use', true)]);
    expect(r.text).toBe(
      before.replace('  languages: [go]\n', '  languages: [go]\n  # from cluster prod.json: evidence for services.protocols\n  protocols: ["http", "grpc"]\n') +
        'kubernetes:\n  # from cluster prod.json: evidence for kubernetes.pods\n  pods: 40\n  # from cluster prod.json: evidence for kubernetes.in_use\n  in_use: true\n',
    );
    // The assessment finds each answer's evidence above it.
    const lines = r.text.split('\n');
    const marks = provenanceByLine(r.text);
    expect(marks.get(lines.indexOf('  pods: 40') + 1)).toEqual(['from cluster prod.json: evidence for kubernetes.pods']);
  });

  it('fills a section written with nothing under it yet', () => {
    const before = 'version: 1\norg:\n  name: A\nservices:\n  count: 3\n  languages: [go]\nplatform_team:\n  exists: true\nkubernetes:\n  # nothing known yet\nsecurity:\n  mandate: none\n';
    const r = fillQuestionnaire('org.yaml', before, [fill('kubernetes.nodes', 6)]);
    expect(r.text).toBe(before.replace('kubernetes:\n', 'kubernetes:\n  # from cluster prod.json: evidence for kubernetes.nodes\n  nodes: 6\n'));
    expect(loadQuestionnaire('org.yaml', r.text).ok).toBe(true);
  });

  it('fills a questionnaire init wrote, which validates once its required answers are in', () => {
    const template = questionnaireTemplate(new Map<string, unknown>([['org.name', 'A'], ['services.count', 4], ['services.languages', ['go']], ['platform_team.exists', true]]));
    const r = fillQuestionnaire('org.yaml', template, [fill('kubernetes.pods', 12), fill('existing.mesh', 'none')]);
    expect(kept(template, r.text)).toBe(true);
    const loaded = loadQuestionnaire('org.yaml', r.text);
    expect(loaded.ok && loaded.value.data.kubernetes?.pods).toBe(12);
  });

  it('never writes a control character from evidence into the file', () => {
    const r = fillQuestionnaire('org.yaml', example('minimal.yaml'), [fill('kubernetes.pods', 1, 'from cluster evil\u001b[2J\nname: x.json: 1 pod')]);
    expect(r.text).not.toMatch(/\u001b/);
    expect(loadQuestionnaire('org.yaml', r.text).ok).toBe(true);
  });

  it('skips a section written as a flow mapping, and says so', () => {
    const r = fillQuestionnaire('org.yaml', 'version: 1\norg: { name: A }\nservices: { count: 3, languages: [go] }\nplatform_team: { exists: true }\n', [fill('services.protocols', ['http'])]);
    expect(r.skipped).toEqual([{ path: 'services.protocols', why: 'services is written as a flow mapping, where no comment fits; add it yourself' }]);
  });
});
