/**
 * Schema versions the runtime accepts (edgeAgent: major 1, at most 1.1; edgeHub: 1.0–1.3) and the
 * features that need a newer one: route objects (hub 1.1), mqttBroker (hub 1.2).
 */
import { error, type Finding } from '../finding.js';
import type { Located } from '../manifest-model.js';
import type { Rule } from './rule-context.js';

function parseVersion(text: string): { major: number; minor: number } | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text);
  return m === null ? undefined : { major: Number(m[1]), minor: Number(m[2]) };
}

function check(version: Located<string> | undefined, who: string, maxMinor: number, supported: string): Finding[] {
  if (version === undefined) return [];
  const parsed = parseVersion(version.value);
  if (parsed === undefined || (parsed.major === 1 && parsed.minor <= maxMinor)) return [];
  return [error('SCHEMA_VERSION_UNSUPPORTED', version.pointer, `${who} schemaVersion "${version.value}" is not supported (${supported})`, { hint: `use ${supported.replace(/^supported: /, '')}` })];
}

export const schemaVersions: Rule = ({ model }) => [
  ...check(model.agentSchemaVersion, '$edgeAgent', 1, 'supported: "1.0" or "1.1"'),
  ...check(model.hubSchemaVersion, '$edgeHub', 3, 'supported: "1.0" to "1.3"'),
];

export const hubFeatureVersions: Rule = ({ model }) => {
  const version = model.hubSchemaVersion === undefined ? undefined : parseVersion(model.hubSchemaVersion.value);
  if (version === undefined || version.major !== 1) return [];
  const findings: Finding[] = [];
  if (version.minor < 1) {
    for (const route of model.routeObjects) {
      findings.push(error('ROUTE_OBJECT_NEEDS_SCHEMA', route.pointer, `routes with priority/timeToLiveSecs need $edgeHub schemaVersion "1.1" or later (this manifest says "${model.hubSchemaVersion?.value ?? ''}")`, { hint: 'set $edgeHub properties.desired.schemaVersion to "1.1", or write the route as a plain string' }));
    }
  }
  if (version.minor < 2 && model.mqttBroker !== undefined) {
    findings.push(error('MQTT_BROKER_NEEDS_SCHEMA', model.mqttBroker.pointer, 'mqttBroker needs $edgeHub schemaVersion "1.2" or later', { atKey: true, hint: 'set $edgeHub properties.desired.schemaVersion to "1.2"' }));
  }
  return findings;
};
