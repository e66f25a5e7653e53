/**
 * Turns ajv's errors into findings a person can act on. ajv reports every failed branch of a
 * oneOf/anyOf ("must be string", "must be object", "must match pattern"…); this keeps the branch
 * that fits the value and says it in words. Unknown keys (additionalProperties) are warnings, so
 * real manifests with `_comment` keys keep validating.
 */
import { closestMatch } from '../closest-match.js';
import { appendPointer, valueAt } from '../json/json-pointer.js';
import type { SchemaError } from './compiled-validators.js';
import { error, warning, type Finding } from './finding.js';

/** The template schema's placeholder pattern: a failed match only means "not a placeholder either". */
const PLACEHOLDER_PATTERN = '\\$\\{[^}]+\\}|\\$[A-Za-z_][A-Za-z0-9_]*';

/** Friendly names for the patterns in schemas/, so a message says what is wrong, not a regex. */
const PATTERN_MEANING: Record<string, string> = {
  '^[0-9]+\\.[0-9]+(\\.[0-9]+)?$': 'a version such as "1.1"',
  '^[^.$# ]+$': 'a name without ".", "$", "#" or spaces',
  '^[^+#$\\s.]+$': 'a name without "+", "#", "$", ".", or whitespace',
  '^[^\\s]+$': 'a value without whitespace',
  '\\S': 'a non-empty value',
  '^[a-z0-9-]+(\\.debug)?$': 'a platform such as "amd64" or "arm64v8.debug"',
  '^properties\\.desired(\\..+)?$': 'a key "properties.desired" or "properties.desired.<path>"',
};

/** Every property name the schemas define, for "did you mean" on a misspelt key. */
const KNOWN_KEYS = [
  'modulesContent', 'properties.desired', 'schemaVersion', 'runtime', 'systemModules', 'modules', 'integrity', 'type', 'settings',
  'minDockerVersion', 'loggingOptions', 'registryCredentials', 'username', 'password', 'address', 'version', 'status', 'restartPolicy',
  'imagePullPolicy', 'startupOrder', 'env', 'value', 'image', 'createOptions', 'digest', 'routes', 'storeAndForwardConfiguration',
  'mqttBroker', 'route', 'priority', 'timeToLiveSecs', 'storeLimits', 'maxSizeBytes', 'repository', 'tag', 'platforms', 'buildOptions', 'contextPath',
];

/** Keys of a module definition, often written inside its "settings" by mistake. */
const MODULE_KEYS: ReadonlySet<string> = new Set(['version', 'status', 'restartPolicy', 'imagePullPolicy', 'startupOrder', 'env', 'type']);

export function schemaFindings(errors: readonly SchemaError[], data: unknown): Finding[] {
  const relevant = dropBranchNoise(errors);
  const findings: Finding[] = [];
  const typeErrors = new Map<string, Set<string>>();
  for (const e of relevant) {
    if (e.keyword === 'type') {
      const set = typeErrors.get(e.instancePath) ?? new Set<string>();
      for (const t of [e.params['type']].flat()) set.add(String(t));
      typeErrors.set(e.instancePath, set);
      continue;
    }
    const finding = describe(e, data);
    if (finding !== undefined) findings.push(finding);
  }
  for (const [pointer, types] of typeErrors) {
    const actual = typeName(valueAt(data, pointer));
    findings.push(error('SCHEMA_TYPE', pointer, `${where(pointer)} must be ${[...types].map(article).join(' or ')}, not ${article(actual)}`));
  }
  return dedupe(findings);
}

/**
 * At a path where a branch of a oneOf/anyOf matched the value's type but failed deeper, the other
 * branches' type errors and the combinator's own error are noise: keep the deeper errors.
 */
function dropBranchNoise(errors: readonly SchemaError[]): SchemaError[] {
  const deeperOrOther = (path: string, self: SchemaError): boolean =>
    errors.some((o) => o !== self && o.keyword !== 'oneOf' && o.keyword !== 'anyOf' && o.keyword !== 'type' && !isPlaceholderMiss(o) &&
      (o.instancePath === path || o.instancePath.startsWith(`${path}/`)));
  return errors.filter((e) => {
    // propertyNames reports the key's own failure too (with propertyName set): keep one of the two.
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') return false;
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') return !errors.some((o) => o !== e && o.keyword !== 'oneOf' && o.keyword !== 'anyOf' && (o.instancePath === e.instancePath || o.instancePath.startsWith(`${e.instancePath}/`)));
    if (isPlaceholderMiss(e)) return !errors.some((o) => o !== e && o.instancePath === e.instancePath && o.keyword !== 'anyOf');
    if (e.keyword === 'type') return !deeperOrOther(e.instancePath, e);
    return true;
  });
}

function isPlaceholderMiss(e: SchemaError): boolean {
  return e.keyword === 'pattern' && e.params['pattern'] === PLACEHOLDER_PATTERN;
}

function describe(e: SchemaError, data: unknown): Finding | undefined {
  const p = e.instancePath;
  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params['missingProperty']);
      if ((missing === 'modulesContent' || missing === 'moduleContent') && p === '') {
        return error('SCHEMA_REQUIRED', p, 'missing required property "modulesContent"', { hint: 'a deployment manifest is {"modulesContent": {"$edgeAgent": …, "$edgeHub": …}}' });
      }
      return error('SCHEMA_REQUIRED', p, `${where(p)} is missing required property "${missing}"`);
    }
    case 'additionalProperties': {
      const key = String(e.params['additionalProperty']);
      const present = knownKeys(valueAt(data, p));
      const near = closestMatch(key, KNOWN_KEYS.filter((k) => !present.includes(k)));
      const comment = key.startsWith('_');
      const misplaced = p.endsWith('/settings') && MODULE_KEYS.has(key);
      const hint = misplaced ? `"${key}" belongs on the module itself, next to "restartPolicy", not in "settings"` : near === undefined || comment ? undefined : `did you mean "${near}"?`;
      return warning('UNKNOWN_KEY', appendPointer(p, key), `unknown key "${key}" in ${where(p)}${comment ? ' (treated as a comment)' : ''}; Azure IoT Edge ignores or rejects it`, {
        atKey: true,
        ...(hint === undefined ? {} : { hint }),
      });
    }
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'const' ? [e.params['allowedValue']] : (e.params['allowedValues'] as unknown[] | undefined) ?? []).map(String);
      const actual = valueAt(data, p);
      const near = typeof actual === 'string' ? closestMatch(actual, allowed) : undefined;
      return error('SCHEMA_ENUM', p, `${where(p)} must be ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${JSON.stringify(actual)}`, near === undefined ? {} : { hint: `did you mean "${near}"?` });
    }
    case 'pattern': {
      const pattern = String(e.params['pattern']);
      return error('SCHEMA_PATTERN', p, `${where(p)} must be ${PATTERN_MEANING[pattern] ?? `a string matching /${pattern}/`}; got ${JSON.stringify(valueAt(data, p))}`);
    }
    case 'propertyNames': {
      const name = String(e.params['propertyName'] ?? e.propertyName ?? '');
      return error('SCHEMA_KEY_INVALID', appendPointer(p, name), `"${name}" is not allowed as a key in ${where(p)}`, { atKey: true, hint: 'IoT Hub twin keys may not contain ".", "$", "#", "+" or spaces' });
    }
    case 'minimum':
    case 'maximum':
      return error('SCHEMA_RANGE', p, `${where(p)} must be ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(e.params['limit'])}; got ${JSON.stringify(valueAt(data, p))}`);
    case 'minProperties':
      return error('SCHEMA_REQUIRED', p, `${where(p)} must not be empty`);
    case 'oneOf':
    case 'anyOf': {
      if (p === '' && isBothContentKeys(data)) return error('SCHEMA_INVALID', p, 'has both "modulesContent" and the legacy "moduleContent"; keep only "modulesContent"');
      return error('SCHEMA_INVALID', p, `${where(p)} does not match any allowed form`);
    }
    default:
      return error('SCHEMA_INVALID', p, `${where(p)} is invalid (${e.keyword})`);
  }
}

function isBothContentKeys(data: unknown): boolean {
  return data !== null && typeof data === 'object' && 'modulesContent' in data && 'moduleContent' in data;
}

function knownKeys(value: unknown): string[] {
  return value !== null && typeof value === 'object' ? Object.keys(value) : [];
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.pointer}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "modules.sensor.status" style path for messages; the exact pointer is in the diagnostic. */
export function where(pointer: string): string {
  if (pointer === '') return 'the document';
  const tokens = pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  return `"${tokens.join('.').replace(/^modulesContent\./, '')}"`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function article(type: string): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
