export function terminalSvg(command: string, output: string, columns: number): string;
export function reportSvg(cli: string, example: string, cwd?: string): string;
