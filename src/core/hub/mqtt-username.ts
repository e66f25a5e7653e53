/**
 * The MQTT CONNECT username of an Azure IoT module, parsed as edgeHub's MqttUsernameParser does
 * (edgehub-mqtt.md §2): `<hub>/<device>/<module>/?api-version=…&DeviceClientType=…`.
 */

export interface ModuleUsername {
  deviceId: string;
  moduleId: string;
  properties: Record<string, string>;
}

export type UsernameParse = { ok: true; value: ModuleUsername } | { ok: false; reason: string };

function parseQuery(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const item of text.split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    const raw = eq < 0 ? '' : item.slice(eq + 1);
    try {
      properties[key] = decodeURIComponent(raw);
    } catch {
      properties[key] = raw;
    }
  }
  return properties;
}

export function parseModuleUsername(username: string): UsernameParse {
  const segments = username.split('/');
  const last = segments[segments.length - 1] ?? '';
  let query: string;
  if (last.startsWith('?')) query = last.slice(1);
  else if (last.includes('api-version=')) query = last;
  else return { ok: false, reason: 'username has no api-version' };
  // Device identities have 3 segments; only modules connect to this hub.
  if (segments.length !== 4) return { ok: false, reason: 'username does not name a module' };
  const properties = parseQuery(query);
  if (properties['api-version'] === undefined) return { ok: false, reason: 'username has no api-version' };
  const deviceId = segments[1] ?? '';
  const moduleId = segments[2] ?? '';
  if (deviceId === '' || moduleId === '') return { ok: false, reason: 'username does not name a module' };
  return { ok: true, value: { deviceId, moduleId, properties } };
}
