/**
 * IoT Hub twin limits (iot-hub-devguide-device-twins): desired properties ≤ 32 KB, objects nested
 * at most 10 deep, keys ≤ 1 KB without ".", "$", spaces or control characters. Size and depth are
 * warnings: edgectl deploys such a manifest over SSH, only IoT Hub refuses it (like MODULES_TOO_MANY).
 * Bad keys are errors: the twin protocol (which edgectl's hub speaks too) cannot carry them.
 */
import { joinPointer } from '../../json/json-pointer.js';
import { error, warning, type Finding } from '../finding.js';
import type { Rule } from './rule-context.js';

export const MAX_DESIRED_BYTES = 32 * 1024;
export const MAX_TWIN_DEPTH = 10;
const MAX_KEY_BYTES = 1024;
// eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
const BAD_KEY = /[.$ \u0000-\u001f]/;

const encoder = new TextEncoder();

export const twinLimits: Rule = ({ model }) => {
  const findings: Finding[] = [];
  for (const twin of model.twins) {
    const bytes = utf8Length(JSON.stringify(twin.value) ?? '', MAX_DESIRED_BYTES);
    if (bytes > MAX_DESIRED_BYTES) {
      findings.push(warning('TWIN_TOO_LARGE', twin.pointer, `desired properties of "${twin.name}" are ${bytes} bytes; Azure IoT Hub allows ${MAX_DESIRED_BYTES}, so this manifest cannot be deployed through it`, { atKey: true, hint: twin.name === '$edgeAgent' ? 'move long createOptions into fewer modules, or split the deployment into layers' : 'keep large configuration in a file or volume, not the twin' }));
    }
    const path: (string | number)[] = [];
    const at = (): string => `${twin.pointer}${joinPointer(path)}`;
    const deep = walk(twin.value, 0, !twin.name.startsWith('$'), path, at, findings);
    if (deep !== undefined) findings.push(warning('TWIN_TOO_DEEP', deep, `desired properties of "${twin.name}" nest objects more than ${MAX_TWIN_DEPTH} levels deep; Azure IoT Hub refuses them`));
  }
  return findings;
};

/** UTF-8 length; skips the encoding when even 3 bytes per UTF-16 unit stays within `limit`. */
function utf8Length(text: string, limit: number): number {
  return text.length * 3 <= limit ? text.length : encoder.encode(text).length;
}

/** Returns the pointer of the first object past the depth limit, reporting bad keys on the way. */
function walk(value: unknown, depth: number, checkKeys: boolean, path: (string | number)[], at: () => string, findings: Finding[]): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && depth > MAX_TWIN_DEPTH) return at();
  let tooDeep: string | undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      tooDeep ??= walk(value[i], depth, checkKeys, path, at, findings);
      path.pop();
    }
    return tooDeep;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    path.push(key);
    if (checkKeys) {
      if (BAD_KEY.test(key)) findings.push(error('TWIN_KEY_INVALID', at(), `twin key "${key}" contains ".", "$", a space or a control character, which IoT Hub does not allow`, { atKey: true }));
      else if (key.length > MAX_KEY_BYTES / 3 && encoder.encode(key).length > MAX_KEY_BYTES) findings.push(error('TWIN_KEY_INVALID', at(), `twin key is longer than ${MAX_KEY_BYTES} bytes`, { atKey: true }));
    }
    tooDeep ??= walk((value as Record<string, unknown>)[key], depth + 1, checkKeys, path, at, findings);
    path.pop();
  }
  return tooDeep;
}
