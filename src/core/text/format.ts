// Numbers and citations as report text.

/** A seed citation as one line: "seed 002 §4 ...". */
export const cite = (s: { document: string; section: string }) => `${s.document} ${s.section}`;

/**
 * A whole number with thousands separators (24000 -> "24,000"), written out by hand: the first
 * toLocaleString of a run loads the number formatting data, which costs a cold start ~20 ms.
 */
export function thousands(n: number): string {
  if (!Number.isInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  return `${n < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}
