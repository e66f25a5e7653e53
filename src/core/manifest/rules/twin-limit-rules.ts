/**
 * IoT Hub twin limits (iot-hub-devguide-device-twins): desired properties ≤ 32 KB, objects nested
 * at most 10 deep, keys ≤ 1 KB without ".", "$", spaces or control characters. A manifest over
 * them cannot be deployed through IoT Hub, and edgectl keeps manifests portable.
 */
import { appendPointer } from '../../json/json-pointer.js';
import { error, type Finding } from '../finding.js';
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
    const bytes = encoder.encode(JSON.stringify(twin.value)).length;
    if (bytes > MAX_DESIRED_BYTES) {
      findings.push(error('TWIN_TOO_LARGE', twin.pointer, `desired properties of "${twin.name}" are ${bytes} bytes; IoT Hub allows ${MAX_DESIRED_BYTES}`, { atKey: true, hint: twin.name === '$edgeAgent' ? 'move long createOptions into fewer modules, or split the deployment into layers' : 'keep large configuration in a file or volume, not the twin' }));
    }
    const checkKeys = !twin.name.startsWith('$');
    const deep = walk(twin.value, twin.pointer, 0, checkKeys, findings);
    if (deep !== undefined) findings.push(error('TWIN_TOO_DEEP', deep, `desired properties of "${twin.name}" nest objects more than ${MAX_TWIN_DEPTH} levels deep; IoT Hub refuses them`));
  }
  return findings;
};

/** Returns the pointer of the first object past the depth limit, reporting bad keys on the way. */
function walk(value: unknown, pointer: string, depth: number, checkKeys: boolean, findings: Finding[]): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && depth > MAX_TWIN_DEPTH) return pointer;
  let tooDeep: string | undefined;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, child] of entries) {
    const childPointer = appendPointer(pointer, key);
    if (checkKeys && !Array.isArray(value)) {
      if (BAD_KEY.test(key)) findings.push(error('TWIN_KEY_INVALID', childPointer, `twin key "${key}" contains ".", "$", a space or a control character, which IoT Hub does not allow`, { atKey: true }));
      else if (encoder.encode(key).length > MAX_KEY_BYTES) findings.push(error('TWIN_KEY_INVALID', childPointer, `twin key is longer than ${MAX_KEY_BYTES} bytes`, { atKey: true }));
    }
    tooDeep ??= walk(child, childPointer, Array.isArray(value) ? depth : depth + 1, checkKeys, findings);
  }
  return tooDeep;
}
