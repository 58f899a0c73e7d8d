import { describe, expect, it } from 'vitest';
import { assessText } from './helpers.js';

const text = ['version: 1', 'org: {name: P}', 'services: {count: 30, languages: [go, java, python]}', 'platform_team:', '  exists: true', '  funded: true', 'traffic:', '  canary: none', ''].join('\n');

describe('positions in the questionnaire', () => {
  it('gives each piece of evidence its line and column', () => {
    const a = assessText(text);
    const funded = a.reasons.find((r) => r.rule === 'funded-platform-team')!.evidence.find((e) => e.path === 'platform_team.funded');
    expect(funded).toEqual({ path: 'platform_team.funded', value: true, line: 6, col: 11 });
  });

  it('anchors an unknown at its section when the section is there, else at the top of the file', () => {
    const a = assessText(text);
    const at = (path: string) => a.unknowns.find((u) => u.path === path);
    expect(at('traffic.north_south_only')).toMatchObject({ line: 8, col: 3 });
    expect(at('leadership.accepts_standing_cost')).toMatchObject({ line: 1, col: 1 });
  });
});
