/** ANSI styling, or none: colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  yellow(text: string): string;
}

export function createStyle(isTTY: boolean, env: Record<string, string | undefined>): Style {
  const enabled = isTTY && !env.NO_COLOR && env.TERM !== "dumb";
  const code = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    bold: code(1, 22),
    dim: code(2, 22),
    green: code(32, 39),
    red: code(31, 39),
    cyan: code(36, 39),
    yellow: code(33, 39),
  };
}
