/**
 * The name of a device's own Docker network (Azure IoT Edge's `azure-iot-edge`, one per device here so
 * that several supervisors can share an engine, each with its own gateway address for its hub).
 */
import { sha256Hex } from '../deployment/content-hash.js';

const PREFIX = 'edgectl-';
// Conservative: the characters Docker accepts in container names, and short enough for any tool that
// prints it. Docker itself is laxer with network names; nothing needs more than this.
const SAFE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const MAX_LENGTH = 64;

/** `edgectl-<deviceId>`, or a readable prefix and a hash of the id when the id does not fit the rules. */
export function deviceNetworkName(deviceId: string): string {
  const plain = `${PREFIX}${deviceId}`;
  if (SAFE_NAME.test(deviceId) && plain.length <= MAX_LENGTH) return plain;
  // Distinct ids must give distinct names: the hash tells apart ids that clean up to the same text.
  const cleaned = deviceId.replace(/[^a-zA-Z0-9_.-]/g, '_').slice(0, 32);
  return `${PREFIX}${cleaned}-${sha256Hex(deviceId).slice(0, 12)}`;
}
