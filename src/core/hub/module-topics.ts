/**
 * Which MQTT topics a module may publish to and subscribe to, and what each one means. This is the
 * hub's ACL: a module publishes only as itself and subscribes only to its own inputs, twin and
 * methods (edgehub-mqtt.md §4–§7). Everything else is refused.
 */

export interface ModuleIdentity {
  deviceId: string;
  moduleId: string;
}

export type InboundTopic =
  | { kind: 'telemetry'; bag: string }
  | { kind: 'twin-get'; rid: string }
  | { kind: 'twin-reported'; rid: string }
  | { kind: 'method-response'; status: number; rid: string }
  | { kind: 'refused'; reason: string };

function queryValue(query: string, name: string): string | undefined {
  for (const item of query.split('&')) {
    const eq = item.indexOf('=');
    if (eq > 0 && item.slice(0, eq) === name) return item.slice(eq + 1);
  }
  return undefined;
}

/** `…/?$rid=x` → "x", or undefined when the request id is missing or empty. */
function requestId(rest: string): string | undefined {
  const q = rest.indexOf('?');
  if (q < 0) return undefined;
  const rid = queryValue(rest.slice(q + 1), '$rid');
  return rid === undefined || rid === '' ? undefined : rid;
}

export function classifyPublish(identity: ModuleIdentity, topic: string): InboundTopic {
  const own = `devices/${identity.deviceId}/modules/${identity.moduleId}/messages/events`;
  if (topic === own || topic.startsWith(`${own}/`)) {
    // After "events/" a literal "/" only ends the bag (the SDK encodes "/" inside keys and values).
    const rest = topic.slice(own.length + 1);
    const slash = rest.indexOf('/');
    return { kind: 'telemetry', bag: slash < 0 ? rest : rest.slice(0, slash) };
  }
  if (topic.startsWith('$iothub/twin/GET/')) {
    const rid = requestId(topic.slice('$iothub/twin/GET/'.length));
    return rid === undefined ? { kind: 'refused', reason: 'twin GET without $rid' } : { kind: 'twin-get', rid };
  }
  if (topic.startsWith('$iothub/twin/PATCH/properties/reported/')) {
    const rid = requestId(topic.slice('$iothub/twin/PATCH/properties/reported/'.length));
    return rid === undefined ? { kind: 'refused', reason: 'reported PATCH without $rid' } : { kind: 'twin-reported', rid };
  }
  const methodResponse = /^\$iothub\/methods\/res\/(-?\d+)\/(.*)$/.exec(topic);
  if (methodResponse !== null) {
    const rid = requestId(methodResponse[2] ?? '');
    if (rid === undefined) return { kind: 'refused', reason: 'method response without $rid' };
    return { kind: 'method-response', status: Number(methodResponse[1]), rid };
  }
  if (topic.startsWith('devices/')) return { kind: 'refused', reason: 'topic of another identity' };
  return { kind: 'refused', reason: 'topic not allowed for modules' };
}

/** The subscription filters a module may hold (the Node SDK's, plus the .NET SDK's `modules/{m}/#`). */
export function allowedSubscriptions(identity: ModuleIdentity): ReadonlySet<string> {
  const base = `devices/${identity.deviceId}/modules/${identity.moduleId}`;
  return new Set([
    `${base}/inputs/#`,
    `${base}/#`,
    '$iothub/twin/res/#',
    '$iothub/twin/PATCH/properties/desired/#',
    '$iothub/methods/POST/#',
  ]);
}

export function inputTopic(identity: ModuleIdentity, input: string, bag: string): string {
  // The SDK drops an input topic without a segment after the input name (G7): always end with "/<bag>".
  return `devices/${identity.deviceId}/modules/${identity.moduleId}/inputs/${input}/${bag}`;
}

/** Does this module hold a subscription that receives its inputs? */
export function receivesInputs(identity: ModuleIdentity, filters: Iterable<string>): boolean {
  const base = `devices/${identity.deviceId}/modules/${identity.moduleId}`;
  for (const filter of filters) if (filter === `${base}/inputs/#` || filter === `${base}/#`) return true;
  return false;
}

export const twinResponseTopic = (status: number, rid: string, version?: number): string =>
  `$iothub/twin/res/${status}/?$rid=${rid}${version === undefined ? '' : `&$version=${version}`}`;
export const desiredPatchTopic = (version: number): string => `$iothub/twin/PATCH/properties/desired/?$version=${version}`;
export const methodRequestTopic = (method: string, rid: string): string => `$iothub/methods/POST/${method}/?$rid=${rid}`;
export const desiredFilter = '$iothub/twin/PATCH/properties/desired/#';
export const methodFilter = '$iothub/methods/POST/#';
