/**
 * A message inside the hub, and its conversion to and from the MQTT property bags the Azure IoT SDKs
 * write and read (edgehub-mqtt.md §4, §5). System properties use edgeHub's names.
 */

import type { RouteMessage } from '../routes/route-message.js';

/** Also what route conditions read (RouteMessage of the shared route code). */
export interface HubMessage extends RouteMessage {
  body: Buffer;
  /** messageId, correlationId, contentType, contentEncoding, outputName, connectionDeviceId… */
  systemProperties: Record<string, string>;
  /** Application properties, as the sender set them. */
  applicationProperties: Record<string, string>;
  /** The route source path, e.g. "/messages/modules/A/outputs/out". */
  source: string;
  /** When the hub accepted it, ms since the epoch. */
  enqueuedAt: number;
}

/** On-the-wire keys that are system properties (edgeHub IncomingSystemPropertiesMap). */
const incomingSystem: Readonly<Record<string, string>> = {
  '$.mid': 'messageId',
  '$.cid': 'correlationId',
  '$.uid': 'userId',
  '$.to': 'to',
  '$.exp': 'absoluteExpiryTime',
  '$.ct': 'contentType',
  '$.ce': 'contentEncoding',
  '$.on': 'outputName',
  '$.schema': 'messageSchema',
  '$.ctime': 'creationTime',
  '$.ifid': 'interfaceId',
  '$.sub': 'componentName',
  'iothub-operation': 'operation',
  ack: 'ack',
};

/** What goes back on the wire to a module input, in this order (edgeHub OutgoingSystemPropertiesMap). */
const outgoingSystemNames: readonly (readonly [string, string])[] = [
  ['connectionDeviceId', '$.cdid'],
  ['connectionModuleId', '$.cmid'],
  ['absoluteExpiryTime', '$.exp'],
  ['correlationId', '$.cid'],
  ['messageId', '$.mid'],
  ['to', '$.to'],
  ['userId', '$.uid'],
  ['ack', 'ack'],
  ['contentType', '$.ct'],
  ['contentEncoding', '$.ce'],
  ['messageSchema', '$.schema'],
  ['operation', 'iothub-operation'],
  ['creationTime', '$.ctime'],
  ['componentName', '$.sub'],
];
// Encoded once: "%24.cdid=" and so on.
const outgoingSystem = outgoingSystemNames.map(([name, wire]) => [name, `${encodeURIComponent(wire)}=`] as const);

function decode(text: string): string {
  if (!text.includes('%')) return text; // the common case, on the per-message path
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Split a bag `k=v&k2=v2` at the first `=` of each item; `+` stays `+` (edgeHub does not turn it into a space). */
export function parsePropertyBag(bag: string): { systemProperties: Record<string, string>; applicationProperties: Record<string, string> } {
  const systemProperties: Record<string, string> = {};
  const applicationProperties: Record<string, string> = {};
  for (const item of bag.split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const key = decode(eq < 0 ? item : item.slice(0, eq));
    const value = eq < 0 ? '' : decode(item.slice(eq + 1));
    const system = incomingSystem[key];
    if (system !== undefined) systemProperties[system] = value;
    else applicationProperties[key] = value;
  }
  return { systemProperties, applicationProperties };
}

/** The bag of an input delivery: never empty, since every message carries its connectionDeviceId. */
export function formatInputBag(message: Pick<HubMessage, 'systemProperties' | 'applicationProperties'>): string {
  const items: string[] = [];
  for (const [name, prefix] of outgoingSystem) {
    const value = message.systemProperties[name];
    if (value !== undefined) items.push(prefix + encodeURIComponent(value));
  }
  for (const [key, value] of Object.entries(message.applicationProperties)) items.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return items.join('&');
}
