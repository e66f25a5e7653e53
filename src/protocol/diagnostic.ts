/**
 * A finding about a deployment manifest (or template, or module.json). Shared by `edgectl validate`
 * and the supervisor API, which returns these when it refuses a deployment. Codes are stable and
 * documented in docs/diagnostics.md.
 */

export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable UPPER_SNAKE code, e.g. ROUTE_UNKNOWN_MODULE. */
  code: string;
  message: string;
  /** The file name as given by the caller (never resolved or read by the validator). */
  file: string;
  /** 1-based line and column of the offending value (or its property name), UTF-16 columns. */
  line: number;
  column: number;
  /** 1-based end, exclusive column, on endLine; spans at most the value. */
  endLine: number;
  endColumn: number;
  /** RFC 6901 pointer into the document as written, '' for the whole document. */
  pointer: string;
  /** What to do about it. */
  hint?: string;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of diagnostics) if (d.severity === 'error') errors++;
  return { errors, warnings: diagnostics.length - errors };
}
