/**
 * The route parser the manifest rules use. The full grammar (FROM / WHERE in the IoT Hub query
 * language / INTO) belongs to src/core/routes (branch `routes`); until it is merged this is a
 * stand-in that reads the FROM and INTO parts only and accepts any WHERE text.
 */
import type { RouteParseResult, RouteSource } from '../routes/route-types.js';

export type RouteParser = (text: string) => RouteParseResult;

const SHAPE = /^(\s*(?:select\s+\*\s+)?from\s+)(\S+)(?:\s+where\s+[\s\S]+?)?(\s+into\s+)([\s\S]+?)\s*$/i;
const BROKERED = /^brokeredendpoint\s*\(\s*"\/modules\/([^/"]+)\/inputs\/([^/"]+)"\s*\)$/i;

export const parseRouteText: RouteParser = (text) => {
  const m = SHAPE.exec(text);
  if (m === null) return { ok: false, error: { message: 'a route has the form FROM <source> [WHERE <condition>] INTO <sink>', span: { offset: 0, length: text.length } } };
  const sourceOffset = (m[1] ?? '').length;
  const path = m[2] ?? '';
  const sinkText = m[4] ?? '';
  const sinkOffset = text.trimEnd().length - sinkText.length;
  const source = readSource(path, { offset: sourceOffset, length: path.length });
  if (source === undefined) return { ok: false, error: { message: `"${path}" is not a message source`, span: { offset: sourceOffset, length: path.length }, hint: 'sources look like /messages/*, /messages/modules/<module>/outputs/<output> or /twinChangeNotifications' } };
  const span = { offset: sinkOffset, length: sinkText.length };
  if (sinkText.toLowerCase() === '$upstream') return { ok: true, route: { source, sink: { kind: 'upstream', span } } };
  const b = BROKERED.exec(sinkText);
  if (b === null) return { ok: false, error: { message: `"${sinkText}" is not a sink`, span, hint: 'use $upstream or BrokeredEndpoint("/modules/<module>/inputs/<input>")' } };
  return { ok: true, route: { source, sink: { kind: 'module-input', module: b[1] ?? '', input: b[2] ?? '', span } } };
};

function readSource(path: string, span: RouteSource['span']): RouteSource | undefined {
  const prefix = path.replace(/\*$/, '').replace(/\/+$/, '');
  const parts = prefix.split('/').slice(1);
  const base = { path, prefix, span };
  if (prefix === '') return { ...base, kind: 'all' };
  if (/^\/twinChangeNotifications$/i.test(prefix)) return { ...base, kind: 'twin-change-notifications' };
  if (parts[0] !== 'messages') return undefined;
  if (parts.length === 1) return { ...base, kind: 'messages' };
  if (parts[1] !== 'modules') return undefined;
  if (parts.length === 2) return { ...base, kind: 'modules' };
  const module = parts[2] ?? '';
  if (parts.length === 3) return { ...base, kind: 'module', module };
  if (parts[3] !== 'outputs') return undefined;
  if (parts.length === 4) return { ...base, kind: 'module-outputs', module };
  if (parts.length === 5) return { ...base, kind: 'module-output', module, output: parts[4] ?? '' };
  return undefined;
}
