/**
 * createOptions: the Docker ContainerCreate body, stored as a JSON *string* (twin values are
 * strings) and split into 512-character chunks `createOptions`, `createOptions01`, … that
 * edgeAgent joins in name order and rejects when a number is missing (JsonEx.ChunkedValue).
 */
import { closestMatch } from '../../closest-match.js';
import { appendPointer } from '../../json/json-pointer.js';
import { isObject } from '../../json/json-value.js';
import { error, warning, type Finding } from '../finding.js';
import { hasPlaceholder } from '../placeholders.js';
import { CONTAINER_CREATE_FIELDS, HOST_CONFIG_FIELDS, matchesType, type JsonType } from '../create-options-shape.js';
import type { Rule } from './rule-context.js';

export const CHUNK_SIZE = 512;
/** iotedgedev and the VS Code extension refuse more than 8 chunks ("maximum size … is 4K"). */
export const TOOL_MAX_CHUNKS = 8;
/** edgeAgent's own limit (TwinValueMaxChunks). */
export const RUNTIME_MAX_CHUNKS = 100;

const CHUNK_KEY = /^createOptions(\d{2})?$/i;

export const createOptions: Rule = ({ model, template }) => {
  const findings: Finding[] = [];
  for (const m of model.modules) {
    const settings = m.definition['settings'];
    if (!isObject(settings)) continue;
    const settingsPointer = appendPointer(m.pointer, 'settings');
    const keys = Object.keys(settings).filter((k) => CHUNK_KEY.test(k)).sort(byLowerCaseName);
    if (keys.length === 0) continue;
    const first = settings[keys[0] ?? ''];
    if (isObject(first) && keys.length === 1) {
      if (!template) findings.push(error('CREATE_OPTIONS_NOT_STRING', appendPointer(settingsPointer, keys[0] ?? ''), 'createOptions must be a JSON string in a deployment manifest (objects are allowed only in templates)', { hint: 'run `edgectl genconfig` to stringify it, or write it as "{\\"HostConfig\\":…}"' }));
      findings.push(...checkShape(first, appendPointer(settingsPointer, keys[0] ?? '')));
      continue;
    }
    findings.push(...checkChunks(keys, settings, settingsPointer));
    const parts = keys.map((k) => settings[k]);
    if (!parts.every((p): p is string => typeof p === 'string')) continue;
    const pointer = appendPointer(settingsPointer, keys[0] ?? 'createOptions');
    const joined = parts.join('');
    if (joined.trim() === '' || joined.trim() === 'null') {
      findings.push(warning('CREATE_OPTIONS_EMPTY', pointer, `createOptions is ${JSON.stringify(joined)}; edgeAgent reads it as {} but Azure's tools warn`, { hint: 'write "{}" or remove the key' }));
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(joined);
    } catch (cause) {
      if (template && hasPlaceholder(joined)) continue;
      findings.push(error('CREATE_OPTIONS_INVALID_JSON', pointer, `createOptions is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { hint: 'createOptions is a JSON object written as a string, with inner quotes escaped (\\")' }));
      continue;
    }
    findings.push(...checkShape(parsed, pointer));
  }
  return findings;
};

// edgeAgent orders chunk keys by name; plain code-unit order of the lower-cased names matches it.
function byLowerCaseName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function checkChunks(keys: readonly string[], settings: Record<string, unknown>, settingsPointer: string): Finding[] {
  const findings: Finding[] = [];
  keys.forEach((key, index) => {
    const expected = index === 0 ? 'createOptions' : `createOptions${String(index).padStart(2, '0')}`;
    if (key.toLowerCase() !== expected.toLowerCase() && findings.length === 0) {
      findings.push(error('CREATE_OPTIONS_CHUNK_GAP', appendPointer(settingsPointer, key), `createOptions chunks must be numbered without gaps: expected "${expected}", found "${key}"`, { atKey: true, hint: 'edgeAgent joins createOptions, createOptions01, createOptions02, … and stops the deployment at a gap' }));
    }
    const value = settings[key];
    if (keys.length > 1 && typeof value === 'string' && value.length > CHUNK_SIZE) {
      findings.push(error('CREATE_OPTIONS_CHUNK_TOO_LONG', appendPointer(settingsPointer, key), `${key} is ${value.length} characters; each chunk holds at most ${CHUNK_SIZE}`, { hint: 'let `edgectl genconfig` split createOptions' }));
    }
  });
  const only = settings[keys[0] ?? ''];
  if (keys.length === 1 && typeof only === 'string' && only.length > CHUNK_SIZE) {
    findings.push(warning('CREATE_OPTIONS_TOO_LONG', appendPointer(settingsPointer, keys[0] ?? ''), `createOptions is ${only.length} characters; Azure's portal and tools split it into ${CHUNK_SIZE}-character chunks (createOptions01…) and IoT Central rejects longer values`, { hint: 'write it as an object in deployment.template.json and let `edgectl genconfig` chunk it' }));
  }
  if (keys.length > RUNTIME_MAX_CHUNKS) {
    findings.push(error('CREATE_OPTIONS_TOO_MANY_CHUNKS', appendPointer(settingsPointer, keys[0] ?? ''), `${keys.length} createOptions chunks; edgeAgent reads at most ${RUNTIME_MAX_CHUNKS}`));
  } else if (keys.length > TOOL_MAX_CHUNKS) {
    findings.push(warning('CREATE_OPTIONS_TOO_MANY_CHUNKS', appendPointer(settingsPointer, keys[0] ?? ''), `${keys.length} createOptions chunks (${keys.length * CHUNK_SIZE} characters); iotedgedev and the VS Code extension refuse more than ${TOOL_MAX_CHUNKS} (4 KB)`));
  }
  return findings;
}

function checkShape(options: unknown, pointer: string): Finding[] {
  if (!isObject(options)) {
    return [error('CREATE_OPTIONS_NOT_OBJECT', pointer, `createOptions must be a JSON object (Docker's ContainerCreate body), not ${Array.isArray(options) ? 'an array' : typeof options}`)];
  }
  const findings: Finding[] = [];
  findings.push(...checkFields(options, CONTAINER_CREATE_FIELDS, pointer, '', true));
  const hostConfig = fieldCaseInsensitive(options, 'HostConfig');
  if (isObject(hostConfig)) findings.push(...checkFields(hostConfig, HOST_CONFIG_FIELDS, pointer, 'HostConfig.', false));
  const env = fieldCaseInsensitive(options, 'Env');
  if (Array.isArray(env) && env.some((e) => typeof e !== 'string' || !e.includes('='))) {
    findings.push(error('CREATE_OPTIONS_FIELD_TYPE', pointer, 'createOptions Env must be a list of "NAME=value" strings', { hint: 'or use the module\'s "env" section: {"NAME": {"value": "…"}}' }));
  }
  return findings;
}

/** Docker and edgeAgent (Newtonsoft) match field names case-insensitively, so we do too. */
const lowerCaseIndex = new Map<Readonly<Record<string, JsonType>>, Map<string, { name: string; type: JsonType }>>();

function indexByLowerCase(known: Readonly<Record<string, JsonType>>): Map<string, { name: string; type: JsonType }> {
  let index = lowerCaseIndex.get(known);
  if (index === undefined) {
    index = new Map(Object.entries(known).map(([name, type]) => [name.toLowerCase(), { name, type }]));
    lowerCaseIndex.set(known, index);
  }
  return index;
}

function checkFields(object: Record<string, unknown>, known: Readonly<Record<string, JsonType>>, pointer: string, prefix: string, warnUnknown: boolean): Finding[] {
  const byLower = indexByLowerCase(known);
  const findings: Finding[] = [];
  for (const [key, value] of Object.entries(object)) {
    const field = byLower.get(key.toLowerCase());
    if (field === undefined) {
      if (!warnUnknown) continue;
      const near = closestMatch(key, Object.keys(known));
      findings.push(warning('CREATE_OPTIONS_UNKNOWN_FIELD', pointer, `createOptions has unknown field "${prefix}${key}"; Docker ignores it`, near === undefined ? {} : { hint: `did you mean "${prefix}${near}"?` }));
    } else if (typeof value === 'string' && hasPlaceholder(value)) {
      // "<MemoryLimit>" or "${MEMORY}": judged once the pipeline or genconfig has filled it in.
      continue;
    } else if (isCoercible(value, field.type)) {
      findings.push(warning('CREATE_OPTIONS_FIELD_COERCED', pointer, `createOptions field "${prefix}${field.name}" is the string ${JSON.stringify(value)}; edgeAgent converts it to ${field.type}, Docker's API would refuse it`, { hint: `write it without quotes: ${JSON.stringify(coerce(value as string, field.type))}` }));
    } else if (!matchesType(value, field.type)) {
      findings.push(error('CREATE_OPTIONS_FIELD_TYPE', pointer, `createOptions field "${prefix}${field.name}" must be ${field.type.replace(/-/g, ' ')}, not ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`));
    }
  }
  return findings;
}

/** edgeAgent deserialises createOptions with Newtonsoft.Json, which turns "true" and "1024" into bool and numbers. */
function isCoercible(value: unknown, type: JsonType): boolean {
  if (typeof value !== 'string') return false;
  if (type === 'boolean') return value === 'true' || value === 'false';
  if (type === 'integer') return /^-?\d+$/.test(value);
  if (type === 'number') return value.trim() !== '' && Number.isFinite(Number(value));
  return false;
}

function coerce(value: string, type: JsonType): boolean | number {
  return type === 'boolean' ? value === 'true' : Number(value);
}

function fieldCaseInsensitive(object: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === lower) return value;
  return undefined;
}
