/** Flag values shared by the device commands, checked at the edge so run() gets numbers. */
import { usageError } from '../../core/errors.js';

export function parseTimeoutSeconds(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw usageError('USAGE', `--timeout must be a positive number of seconds, not "${text}"`, 'e.g. --timeout 120');
  return value;
}

export function parseTail(text: string | undefined): number | undefined {
  if (text === undefined || text === 'all') return undefined;
  if (!/^\d+$/.test(text)) throw usageError('USAGE', `--tail must be a number of lines or "all", not "${text}"`, 'e.g. --tail 100');
  return Number(text);
}
