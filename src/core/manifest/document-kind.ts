/**
 * Which kind of file a JSON document is, which decides its schema and how strict the rules are:
 * a concrete manifest (what a device runs), a template (placeholders allowed), a layered deployment
 * (flattened `properties.desired.…` keys, missing modules are only warnings) or a module.json.
 */
import { isObject } from '../json/json-value.js';

export type DocumentKind = 'deployment' | 'template' | 'layered' | 'layered-template' | 'module';

export interface KindHints {
  fileName: string;
  /** Force a kind; 'auto' (the default) looks at the file name and content. */
  kind?: DocumentKind | 'auto';
  /** Treat as layered even when no flattened key shows it (e.g. an empty layer). */
  layered?: boolean;
}

const FLATTENED = /^properties\.desired\./;

export function isTemplateName(fileName: string): boolean {
  return /\.template\.json$/i.test(fileName);
}

export function detectKind(value: unknown, hints: KindHints): DocumentKind {
  if (hints.kind !== undefined && hints.kind !== 'auto') return hints.kind;
  const base = hints.fileName.split(/[\\/]/).pop() ?? hints.fileName;
  const root = isObject(value) ? value : {};
  if (base.toLowerCase() === 'module.json' || (isObject(root['image']) && !('modulesContent' in root) && !('content' in root))) return 'module';
  const template = isTemplateName(base) || typeof root['$schema-template'] === 'string';
  const layered = hints.layered === true || isLayered(root);
  if (layered) return template ? 'layered-template' : 'layered';
  return template ? 'template' : 'deployment';
}

function isLayered(root: Record<string, unknown>): boolean {
  if (isObject(root['content'])) return true;
  const content = contentOf(root);
  if (content === undefined) return false;
  for (const section of Object.values(content)) {
    if (isObject(section) && Object.keys(section).some((key) => FLATTENED.test(key))) return true;
  }
  // A bare $edgeAgent / $edgeHub fragment (no modulesContent wrapper) is a partial deployment too.
  return !('modulesContent' in root) && !('moduleContent' in root);
}

function contentOf(root: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const key of ['modulesContent', 'moduleContent']) {
    const candidate = root[key];
    if (isObject(candidate)) return candidate;
  }
  if ('$edgeAgent' in root || '$edgeHub' in root) return root;
  return undefined;
}

export function isTemplateKind(kind: DocumentKind): boolean {
  return kind === 'template' || kind === 'layered-template';
}

export function isLayeredKind(kind: DocumentKind): boolean {
  return kind === 'layered' || kind === 'layered-template';
}
