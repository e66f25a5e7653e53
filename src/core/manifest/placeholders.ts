/**
 * The placeholder syntaxes Azure IoT Edge solutions use, found in one string. `${…}` and `$VAR` are
 * expanded by genconfig (as iotedgedev and the VS Code extension do); `<Token>` and `#{Token}#` are
 * CI pipeline tokens (Azure Pipelines "Replace Tokens", the iotedge e2e manifests) that a pipeline
 * replaces later. Names that Azure reserves are never placeholders.
 */

export type PlaceholderKind = 'braced' | 'bare' | 'pipeline';

export interface PlaceholderMatch {
  kind: PlaceholderKind;
  /** The variable name, e.g. "CONTAINER_REGISTRY_SERVER" or "MODULES.filter.amd64". */
  name: string;
  offset: number;
  length: number;
}

/** `$`-words with a meaning in manifests and route conditions; expanding them would break the file. */
export const RESERVED_DOLLAR_NAMES: ReadonlySet<string> = new Set(['edgeAgent', 'edgeHub', 'upstream', 'schema', 'schema-template', 'schema-version']);

const PATTERN = /\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|<([A-Za-z][A-Za-z0-9_.-]*)>|#\{([^}#]+)\}#/g;

export function findPlaceholders(text: string): PlaceholderMatch[] {
  if (!text.includes('$') && !text.includes('<') && !text.includes('#{')) return [];
  const found: PlaceholderMatch[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const offset = m.index;
    if (m[1] !== undefined) found.push({ kind: 'braced', name: m[1], offset, length: m[0].length });
    else if (m[2] !== undefined) {
      if (!RESERVED_DOLLAR_NAMES.has(m[2]) && text[offset - 1] !== '$') found.push({ kind: 'bare', name: m[2], offset, length: m[0].length });
    } else found.push({ kind: 'pipeline', name: m[3] ?? m[4] ?? '', offset, length: m[0].length });
  }
  return found;
}

export function hasPlaceholder(text: string): boolean {
  return findPlaceholders(text).length > 0;
}

/** An environment-style name: what `$NAME` placeholders look like in real templates. */
export function isShoutingName(name: string): boolean {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) && name.length > 1;
}
