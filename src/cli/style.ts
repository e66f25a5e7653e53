/**
 * Colour for human output. Whether to colour is decided once, here, from --no-color, NO_COLOR,
 * FORCE_COLOR and whether stderr is a terminal; everything else asks this Style.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export type Style = Pick<ChalkInstance, 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan'>;

export function createStyle(enabled: boolean): Style {
  return new Chalk({ level: enabled ? 1 : 0 });
}

export function wantsColor(options: { noColorFlag: boolean; env: Record<string, string | undefined>; isTTY: boolean }): boolean {
  if (options.noColorFlag) return false;
  const noColor = options.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  const force = options.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return options.isTTY && options.env['TERM'] !== 'dumb';
}
