/**
 * deployment.template.json → a concrete manifest, pure: placeholders `$VAR`, `${VAR}`,
 * `${MODULES.<dir>[.<platform>][.debug]}`, `${MODULEDIR<path>[.<platform>]}` and bare values
 * (`"ttl": ${TTL}`) are filled in; `$edgeAgent`, `$edgeHub`, `$upstream` and `$schema-template`
 * are left alone; createOptions are stringified and chunked; `$schema-template` is dropped.
 * Unlike Azure's tools, an undefined placeholder is reported (every one, with where it is).
 */
import { appendPointer } from '../json/json-pointer.js';
import { parseJsonWithPositions, type JsonSpan } from '../json/json-parse.js';
import { LineIndex } from '../json/line-index.js';
import { isObject } from '../json/json-value.js';
import { extractModel } from '../manifest/manifest-model.js';
import { RESERVED_DOLLAR_NAMES, isShoutingName } from '../manifest/placeholders.js';
import { chunkCreateOptions } from './create-options-chunks.js';
import { imageTag } from '../images/module-config.js';
import { parseModuleReference, type ModuleBuildInfo, type ModuleReference } from './module-images.js';

export interface ExpandInput {
  text: string;
  file: string;
  variables: ReadonlyMap<string, string>;
  platform: string;
  /** Resolve `${MODULES.x}` to the debug variant of the platform. */
  debug: boolean;
  /** module.json facts for a module reference, or a message saying why there are none. */
  resolveModule(reference: ModuleReference): ModuleBuildInfo | string;
}

export interface TemplateProblem {
  code: 'TEMPLATE_SYNTAX' | 'UNDEFINED_VARIABLE' | 'MODULE_NOT_RESOLVED' | 'PLACEHOLDER_NOT_JSON';
  message: string;
  file: string;
  line: number;
  column: number;
  pointer: string;
  /** For UNDEFINED_VARIABLE: the variable's name. */
  name?: string;
}

export interface ExpandResult {
  manifest: unknown;
  /** Problems found; UNDEFINED_VARIABLE ones leave the placeholder text in place. */
  problems: TemplateProblem[];
}

const TOKEN = /\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function expandTemplate(input: ExpandInput): ExpandResult {
  const lines = new LineIndex(input.text);
  const parsed = parseJsonWithPositions(input.text, { barePlaceholders: true });
  if (!parsed.ok) {
    const at = lines.locate(parsed.error.offset);
    return { manifest: undefined, problems: [{ code: 'TEMPLATE_SYNTAX', message: `invalid JSON: ${parsed.error.message}`, file: input.file, line: at.line, column: at.column, pointer: '' }] };
  }
  const problems: TemplateProblem[] = [];
  const report = (code: TemplateProblem['code'], pointer: string, message: string, name?: string): void => {
    const span = parsed.spans.get(pointer);
    const at = lines.locate(span?.start ?? 0);
    problems.push({ code, message, file: input.file, line: at.line, column: at.column, pointer, ...(name === undefined ? {} : { name }) });
  };
  const expandString = (text: string, pointer: string): string => {
    // Route conditions ($body, $connectionDeviceId) and shell commands in createOptions use `$word`.
    const lenientBare = /\/routes\//.test(pointer) || /\.routes\./.test(pointer) || /\/createOptions(\d\d)?(\/|$)/i.test(pointer);
    return text.replace(TOKEN, (whole, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      if (bare !== undefined && RESERVED_DOLLAR_NAMES.has(bare)) return whole;
      const reference = braced === undefined ? undefined : parseModuleReference(name, input.debug ? `${input.platform}.debug` : input.platform);
      if (reference !== undefined) {
        const info = input.resolveModule(reference);
        if (typeof info === 'string') { report('MODULE_NOT_RESOLVED', pointer, `${whole}: ${info}`); return whole; }
        if (info.platforms.length > 0 && !info.platforms.includes(reference.platform)) {
          report('MODULE_NOT_RESOLVED', pointer, `${whole}: module.json has no platform "${reference.platform}" (it has ${info.platforms.join(', ')})`);
          return whole;
        }
        return imageTag(info.repository, info.version, reference.platform, input.variables.get('CONTAINER_TAG'));
      }
      const value = input.variables.get(name);
      if (value !== undefined) return value;
      if (braced !== undefined || (isShoutingName(name) && !lenientBare)) report('UNDEFINED_VARIABLE', pointer, `${whole} is not defined`, name);
      return whole;
    });
  };
  const manifest = rebuild(parsed.value, '', parsed.spans, input.text, expandString, report);
  if (isObject(manifest)) {
    delete manifest['$schema-template'];
    for (const module of extractModel(manifest).modules) {
      const settings = module.definition['settings'];
      if (isObject(settings)) chunkCreateOptions(settings);
    }
  }
  return { manifest, problems };
}

function rebuild(value: unknown, pointer: string, spans: ReadonlyMap<string, JsonSpan>, text: string, expand: (s: string, p: string) => string, report: (code: TemplateProblem['code'], pointer: string, message: string) => void): unknown {
  if (typeof value === 'string') {
    const expanded = expand(value, pointer);
    const span = spans.get(pointer);
    // A bare `${TTL}` in the template stands for a JSON value, not a string.
    if (span !== undefined && text.charCodeAt(span.start) === 0x24) {
      if (expanded === value) return value;
      try {
        return JSON.parse(expanded) as unknown;
      } catch {
        report('PLACEHOLDER_NOT_JSON', pointer, `${value} stands for a JSON value here (it is not quoted), but expands to ${JSON.stringify(expanded)}`);
        return expanded;
      }
    }
    return expanded;
  }
  if (Array.isArray(value)) return value.map((item, i) => rebuild(item, appendPointer(pointer, i), spans, text, expand, report));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childPointer = appendPointer(pointer, key);
      const newKey = key.includes('$') && !RESERVED_DOLLAR_NAMES.has(key.slice(1)) ? expand(key, childPointer) : key;
      Object.defineProperty(out, newKey, { value: rebuild(child, childPointer, spans, text, expand, report), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
