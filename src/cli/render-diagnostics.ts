/**
 * Diagnostics as a compiler prints them: `file:line:col: severity[CODE]: message`, the source line,
 * a caret under the offending part, and the hint. Lines are shown with control characters made
 * visible, so a hostile file cannot drive the terminal.
 */
import type { Diagnostic } from '../protocol/diagnostic.js';
import type { Style } from './style.js';

const MAX_SHOWN_LINE = 160;

export function renderDiagnostic(d: Diagnostic, sourceLine: string | undefined, style: Style): string {
  const label = d.severity === 'error' ? style.red(style.bold('error')) : style.yellow(style.bold('warning'));
  let text = `${style.bold(`${safe(d.file)}:${d.line}:${d.column}`)}: ${label}${style.dim(`[${d.code}]`)}: ${safe(d.message)}\n`;
  if (sourceLine !== undefined) {
    const { shown, caretStart, caretLength } = window(sourceLine, d);
    const gutter = String(d.line);
    text += `${style.dim(`${gutter} |`)} ${shown}\n`;
    text += `${style.dim(`${' '.repeat(gutter.length)} |`)} ${' '.repeat(caretStart)}${(d.severity === 'error' ? style.red : style.yellow)('^'.repeat(caretLength))}\n`;
  }
  if (d.hint !== undefined) text += `  ${style.cyan('hint')}: ${safe(d.hint)}\n`;
  return text;
}

/** The part of a long line around the diagnostic, with the caret position inside it. */
function window(line: string, d: Diagnostic): { shown: string; caretStart: number; caretLength: number } {
  const visible = line.replace(/\t/g, ' ');
  const start = d.column - 1;
  const end = d.endLine === d.line ? Math.max(d.endColumn - 1, start + 1) : visible.length;
  let from = 0;
  if (visible.length > MAX_SHOWN_LINE && start > MAX_SHOWN_LINE / 2) from = start - 40;
  const to = Math.min(visible.length, from + MAX_SHOWN_LINE);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < visible.length ? '…' : '';
  const shown = prefix + safe(visible.slice(from, to)) + suffix;
  const caretStart = prefix.length + Math.max(0, start - from);
  const caretLength = Math.max(1, Math.min(end, to) - Math.max(start, from));
  return { shown, caretStart, caretLength };
}

function safe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
