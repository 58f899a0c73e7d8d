/** The narrowest and widest a terminal report is drawn, in columns. */
export const REPORT_WIDTH = { min: 60, max: 120, fallback: 80 } as const;

/**
 * The columns a terminal report may use: the terminal's own when the report goes to it, else
 * COLUMNS, else 80; held between 60 and 120, where the tables stay readable.
 */
export function reportWidth(env: Readonly<Record<string, string | undefined>>, terminalColumns: number | undefined): number {
  const fromEnv = Number(env.COLUMNS);
  const asked = terminalColumns && terminalColumns > 0 ? terminalColumns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : REPORT_WIDTH.fallback;
  return Math.min(REPORT_WIDTH.max, Math.max(REPORT_WIDTH.min, asked));
}
