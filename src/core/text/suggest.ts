function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestScore) [best, bestScore] = [c, d];
  }
  const limit = Math.max(2, Math.floor(w.length / 3));
  return best !== undefined && bestScore <= limit ? best : undefined;
}

/** "did you mean x?" or undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const hit = closest(word, candidates);
  return hit === undefined ? undefined : `did you mean ${hit}?`;
}
