/**
 * Colour for human output. Whether to colour is decided once, here, from --no-color, NO_COLOR,
 * FORCE_COLOR and whether stderr is a terminal; everything else asks this Style. chalk is loaded
 * only when there is colour to make: pipes, CI logs and --json runs never pay for it.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const asIs = (text: string): string => text;

/** Text as it is: the style without colour. */
export const PLAIN_STYLE: Style = { bold: asIs, dim: asIs, red: asIs, green: asIs, yellow: asIs, cyan: asIs };

export async function loadStyle(colour: boolean): Promise<Style> {
  if (!colour) return PLAIN_STYLE;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

export function wantsColor(options: { noColorFlag: boolean; env: Record<string, string | undefined>; isTTY: boolean }): boolean {
  if (options.noColorFlag) return false;
  const noColor = options.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  const force = options.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return options.isTTY && options.env['TERM'] !== 'dumb';
}
