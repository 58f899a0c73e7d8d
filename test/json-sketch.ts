/**
 * A real assessment cut down for the README: each list keeps its first item and says how many
 * more there were, and long text keeps its first words. A test regenerates it from a run.
 */
export function sketch(value: unknown): unknown {
  if (Array.isArray(value)) {
    // Ranges and other short lists of numbers or words stay whole; longer ones keep their first item.
    const short = value.every((v) => typeof v === 'number') || (value.length <= 3 && value.every((v) => typeof v === 'string' && v.length <= 30));
    return short || value.length <= 1 ? value.map(sketch) : [sketch(value[0]), `… ${value.length - 1} more`];
  }
  if (typeof value === 'string' && value.length > 60) return `${value.slice(0, value.lastIndexOf(' ', 50))} …`;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sketch(v)]));
  return value;
}

/** The sketch as JSON, with short objects and lists on one line, as a reader scans them. */
export function sketchJson(value: unknown): string {
  const text = JSON.stringify(sketch(value), null, 2);
  // An object or list whose one-line form fits in 100 columns is put on one line.
  return text.replace(/([{[])\n(\s+)([^{}[\]]*?)\n\s*([}\]])/g, (whole, open: string, _indent: string, body: string, close: string) => {
    const line = `${open} ${body.split('\n').map((l) => l.trim()).join(' ')} ${close}`;
    return line.length <= 100 ? line : whole;
  });
}
