import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { round } from '../src/core/knowledge/mesh-figures.js';

/** Rounding as the figures were first rounded: the multiple of the step written as text, and read back. */
const byText = (n: number, step: number) => Number((Math.round(n / step) * step).toFixed(Math.max(0, -Math.floor(Math.log10(step)))));

describe('round() gives what writing the multiple as text gives', () => {
  const steps = [0.0001, 0.001, 0.01, 0.1, 1, 100, 1000, 0.05, 0.25, 0.5, 2.5, 5];

  it('on any number, for steps that are powers of ten and steps that are not', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.constantFrom(...steps), (n, step) => {
        expect(Object.is(round(n, step), byText(n, step))).toBe(true);
      }),
      { numRuns: 20000, seed: 20261207 },
    );
  });

  it('on exact multiples, halfway points and awkward fractions, where binary fractions show', () => {
    for (let k = -2000; k <= 2000; k++) {
      for (const step of steps) {
        for (const n of [k * step, k * step + step / 2, k / 7, k * 1234.5678, k * 0.1 + 0.2]) expect(Object.is(round(n, step), byText(n, step))).toBe(true);
      }
    }
  });

  it('gives 0, never -0, for a small negative number', () => {
    expect(Object.is(round(-0.0001, 0.001), 0)).toBe(true);
    expect(Object.is(round(-4, 100), 0)).toBe(true);
    expect(round(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(round(1234.5678, 0.01)).toBe(1234.57);
    expect(round(0.75, 0.5)).toBe(1);
  });
});
