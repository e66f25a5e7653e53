/** Places findings in the text: pointer → span (via the parser's map) → line and column. */
import type { Diagnostic } from '../../protocol/diagnostic.js';
import type { JsonSpan } from '../json/json-parse.js';
import type { LineIndex } from '../json/line-index.js';
import type { Finding } from './finding.js';

export function locateFindings(findings: readonly Finding[], spans: ReadonlyMap<string, JsonSpan>, lines: LineIndex, file: string): Diagnostic[] {
  return findings.map((finding) => {
    const { start, end } = rangeOf(finding, spans, lines.text);
    const from = lines.locate(start);
    const to = lines.locate(end);
    return {
      severity: finding.severity,
      code: finding.code,
      message: finding.message,
      file,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      pointer: finding.pointer,
      ...(finding.hint === undefined ? {} : { hint: finding.hint }),
    };
  });
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

function rangeOf(finding: Finding, spans: ReadonlyMap<string, JsonSpan>, text: string): { start: number; end: number } {
  const span = nearestSpan(finding.pointer, spans);
  if (span === undefined) return { start: 0, end: 0 };
  if (finding.atKey === true && span.keyStart !== undefined && span.keyEnd !== undefined) return { start: span.keyStart, end: span.keyEnd };
  if (finding.within !== undefined && text.charCodeAt(span.start) === 0x22) {
    // Only when the string has no escapes do decoded offsets equal offsets in the file.
    const raw = text.slice(span.start + 1, span.end - 1);
    if (!raw.includes('\\')) {
      const start = span.start + 1 + Math.min(finding.within.offset, raw.length);
      return { start, end: Math.min(start + Math.max(finding.within.length, 1), span.end - 1) };
    }
  }
  // A multi-line value (an object) is marked on its first line only.
  const newline = text.indexOf('\n', span.start);
  return { start: span.start, end: newline === -1 || newline > span.end ? span.end : newline };
}

/** The span of the pointer, or of its closest ancestor that exists (for a missing property). */
function nearestSpan(pointer: string, spans: ReadonlyMap<string, JsonSpan>): JsonSpan | undefined {
  let current = pointer;
  for (;;) {
    const span = spans.get(current);
    if (span !== undefined) return span;
    if (current === '') return undefined;
    current = current.slice(0, current.lastIndexOf('/'));
  }
}
