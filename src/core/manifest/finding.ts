/**
 * What a check reports before it is placed in the file: a pointer instead of line:column. The
 * pipeline turns findings into Diagnostics once, with the parser's position map.
 */
import type { DiagnosticSeverity } from '../../protocol/diagnostic.js';

export interface Finding {
  severity: DiagnosticSeverity;
  code: string;
  message: string;
  /** JSON pointer into the document as written. */
  pointer: string;
  /** Point at the property name rather than its value (unknown keys, bad names, duplicates). */
  atKey?: boolean;
  /** A part of a string value (e.g. the bad token of a route), in characters of the decoded string. */
  within?: { offset: number; length: number };
  hint?: string;
}

export function error(code: string, pointer: string, message: string, extra: Partial<Finding> = {}): Finding {
  return { severity: 'error', code, pointer, message, ...extra };
}

export function warning(code: string, pointer: string, message: string, extra: Partial<Finding> = {}): Finding {
  return { severity: 'warning', code, pointer, message, ...extra };
}
