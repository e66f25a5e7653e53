/** Module names, the reserved system names, module count and startupOrder support. */
import { appendPointer } from '../../json/json-pointer.js';
import { error, warning, type Finding } from '../finding.js';
import type { Rule } from './rule-context.js';

/** SchemaStore's module-name pattern; IoT Hub module identities also cap the length at 128. */
const MODULE_NAME = /^[a-zA-Z0-9_-]+$/;
const MAX_MODULE_NAME = 128;
/** IoT Hub allows 50 module identities per device (iot-edge-limits-and-restrictions). */
export const MAX_AZURE_MODULES = 50;

export const moduleNames: Rule = ({ model }) => {
  const findings: Finding[] = [];
  for (const m of model.modules) {
    if (m.system) {
      if (m.name !== 'edgeAgent' && m.name !== 'edgeHub') findings.push(error('MODULE_NAME_RESERVED', m.pointer, `"${m.name}" is not a system module; systemModules holds only edgeAgent and edgeHub`, { atKey: true, hint: 'move it under "modules"' }));
      continue;
    }
    if (/^(edgeagent|edgehub)$/i.test(m.name)) {
      findings.push(error('MODULE_NAME_RESERVED', m.pointer, `module name "${m.name}" is reserved for the runtime's system module`, { atKey: true, hint: 'rename the module; edgeAgent and edgeHub belong under "systemModules"' }));
    } else if (!MODULE_NAME.test(m.name)) {
      findings.push(error('MODULE_NAME_INVALID', m.pointer, `module name "${m.name}" may only contain letters, digits, "-" and "_"`, { atKey: true }));
    } else if (m.name.length > MAX_MODULE_NAME) {
      findings.push(error('MODULE_NAME_INVALID', m.pointer, `module name "${m.name.slice(0, 20)}…" is longer than ${MAX_MODULE_NAME} characters`, { atKey: true }));
    }
  }
  return findings;
};

export const moduleCount: Rule = ({ model }) => {
  const custom = model.modules.filter((m) => !m.system);
  if (custom.length <= MAX_AZURE_MODULES || model.contentPointer === undefined) return [];
  return [warning('MODULES_TOO_MANY', model.contentPointer, `${custom.length} modules: Azure IoT Hub allows at most ${MAX_AZURE_MODULES} module identities per device`, { atKey: true, hint: 'edgectl runs more, but this manifest will not deploy through IoT Hub' })];
};

/** startupOrder and imagePullPolicy arrived with edgeAgent schema 1.1; a 1.0 agent ignores them. */
export const agentFeaturesNeedSchema: Rule = ({ model, template }) => {
  const version = model.agentSchemaVersion;
  if (version === undefined || (template && version.value.includes('$'))) return [];
  if (!/^1\.0(\.0)?$/.test(version.value)) return [];
  const findings: Finding[] = [];
  for (const m of model.modules) {
    for (const [key, code] of [['startupOrder', 'STARTUP_ORDER_IGNORED'], ['imagePullPolicy', 'IMAGE_PULL_POLICY_IGNORED']] as const) {
      if (m.definition[key] === undefined) continue;
      findings.push(warning(code, appendPointer(m.pointer, key), `${key} needs $edgeAgent schemaVersion "1.1"; with "${version.value}" it is ignored`, { atKey: true, hint: 'set $edgeAgent properties.desired.schemaVersion to "1.1"' }));
    }
  }
  return findings;
};

/** A module twin (top-level modulesContent key) for a module the deployment does not run. */
export const twinForUnknownModule: Rule = ({ model, layered }) => {
  if (layered) return [];
  const names = new Set(model.modules.map((m) => m.name));
  return model.twins
    .filter((t) => !t.name.startsWith('$') && !names.has(t.name))
    .map((t) => warning('TWIN_UNKNOWN_MODULE', t.pointer.replace(/\/properties\.desired$/, ''), `desired properties for "${t.name}", which is not a module of this deployment`, { atKey: true }));
};
