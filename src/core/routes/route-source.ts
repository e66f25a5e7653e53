/**
 * Route sources (the part after FROM) and matching them against a message's source path.
 * edgeHub compares sources as case-insensitive prefixes after trimming a trailing `*` and `/`
 * and adding one `/` (BaseMessageSource), so `/messages/modules/a` matches module `a` only,
 * never module `ab`.
 */
import { skipTrivia } from './route-lexer.js';
import type { RouteSource, TextSpan } from './route-types.js';

export type SourceParse = { ok: true; source: RouteSource; end: number } | { ok: false; message: string; span: TextSpan; hint?: string };

// Characters a path segment may hold: GrammarLexer.g4's ID_CHARS (which include '*').
const NOT_SEGMENT = new Set('()<>@,;:\\"/[]?={} \t\n\r');

export const SOURCE_FORMS = [
  '/*',
  '/messages/*',
  '/messages/modules/*',
  '/messages/modules/<module>/*',
  '/messages/modules/<module>/outputs/*',
  '/messages/modules/<module>/outputs/<output>',
  '/twinChangeNotifications',
] as const;

const FORMS_HINT = `a source is one of ${SOURCE_FORMS.join(', ')}`;

/** Reads the source path starting at `start` (after FROM and whitespace). */
export function parseSource(text: string, start: number): SourceParse {
  if (text[start] !== '/') {
    const found = text.slice(start).split(/\s/)[0] ?? '';
    return { ok: false, message: found ? `expected a source path starting with '/' after FROM but found '${found}'` : 'expected a source path after FROM', span: { offset: start, length: found.length }, hint: FORMS_HINT };
  }
  const segments: string[] = [];
  let i = start;
  let end = start;
  // edgeHub's lexer skips whitespace and comments between the tokens of a path, so
  // "/messages/ modules/*" is "/messages/modules/*" there too.
  while (text[i] === '/') {
    const slash = i;
    const segmentStart = skipTrivia(text, i + 1);
    i = segmentStart;
    while (i < text.length && !NOT_SEGMENT.has(text[i] as string)) i++;
    const segment = text.slice(segmentStart, i);
    if (segment === '') return { ok: false, message: 'empty segment in the source path', span: { offset: slash, length: 1 }, hint: FORMS_HINT };
    segments.push(segment);
    end = i;
    i = skipTrivia(text, i);
  }
  const span = { offset: start, length: end - start };
  const path = `/${segments.join('/')}`;
  const classified = classify(segments);
  if (typeof classified === 'string') return { ok: false, message: classified, span, hint: FORMS_HINT };
  const prefix = path.replace(/\*$/, '').replace(/\/+$/, '');
  return { ok: true, source: { path, prefix, span, ...classified }, end };
}

type Classified = Pick<RouteSource, 'kind' | 'module' | 'output'>;

const same = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

function classify(segments: readonly string[]): Classified | string {
  const wildcardAt = segments.findIndex((segment) => segment.includes('*'));
  if (wildcardAt >= 0 && (wildcardAt !== segments.length - 1 || segments[wildcardAt] !== '*')) {
    return "'*' may only be the whole last segment of a source path";
  }
  const named = segments[segments.length - 1] === '*' ? segments.slice(0, -1) : segments;
  const [first, second, module, outputs, output, ...rest] = named;
  if (named.length === 0) return { kind: 'all' };
  if (same(first, 'twinChangeNotifications') && named.length === 1) return segments.length === 1 ? { kind: 'twin-change-notifications' } : "'/twinChangeNotifications' takes no '/*'";
  if (!same(first, 'messages')) return `unknown source '/${segments.join('/')}'`;
  if (named.length === 1) return { kind: 'messages' };
  if (!same(second, 'modules')) return `unknown source '/${segments.join('/')}': after /messages comes /modules`;
  if (module === undefined) return { kind: 'modules' };
  if (outputs === undefined) return { kind: 'module', module };
  if (!same(outputs, 'outputs')) return `unknown source '/${segments.join('/')}': after the module name comes /outputs`;
  if (output === undefined) return { kind: 'module-outputs', module };
  if (rest.length > 0) return `unknown source '/${segments.join('/')}': nothing may follow the output name`;
  return { kind: 'module-output', module, output };
}

/**
 * Whether a message whose source path is `messageSourcePath` (e.g.
 * "/messages/modules/sensor/outputs/temperature") is taken by a route from `source`. For many
 * messages, compile the matcher once with compileSourceMatcher (route-matcher.ts).
 */
export function matchesSource(source: Pick<RouteSource, 'prefix'>, messageSourcePath: string): boolean {
  const prefix = `${source.prefix}/`.toLowerCase();
  const path = `${messageSourcePath.trim().replace(/\/+$/, '')}/`.toLowerCase();
  return path.startsWith(prefix);
}

/** edgeHub's source path for telemetry from devices (TelemetryMessageSource). */
export const DEVICE_TELEMETRY_SOURCE_PATH = '/messages';
/** edgeHub's source path for twin change notifications (TwinChangeEventMessageSource). */
export const TWIN_CHANGE_SOURCE_PATH = '/twinChangeNotifications';

/** The source path of a message a module sent on an output (or without one: the module's telemetry). */
export function moduleMessageSourcePath(module: string, output?: string): string {
  return output === undefined || output === '' ? `/messages/modules/${module}` : `/messages/modules/${module}/outputs/${output}`;
}
