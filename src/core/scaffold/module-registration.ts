/**
 * Registers a new module in a deployment template (deployment.template.json or its .debug twin) as
 * Azure's tools do: the module under `$edgeAgent` with its `${MODULES.<name>}` image, a route of its
 * outputs to `$upstream`, its twin's desired TemperatureThreshold, and — when the solution's sample
 * sensor is there and feeds no module yet — a route from the sensor to the module's `input1`.
 * Edits are text insertions (json-text-edit.ts), so the user's formatting survives.
 */
import { insertProperty } from './json-text-edit.js';
import { valueAt } from '../json/json-pointer.js';
import { parseJsonText } from '../json/json-text.js';
import { isObject } from '../json/json-value.js';
import type { Language } from './scaffold-types.js';

export const SENSOR_MODULE = 'SimulatedTemperatureSensor';
export const DEFAULT_TEMPERATURE_THRESHOLD = 25;

export interface RegistrationInput {
  name: string;
  language: Language;
  /** Path of the module folder relative to the solution, e.g. `modules/filter`. */
  moduleDir: string;
  debug: boolean;
  /** With --force an existing registration is kept instead of refused. */
  keepExisting: boolean;
}

export interface Registration {
  content: string;
  changes: string[];
}

export class RegistrationError extends Error {
  constructor(message: string, readonly reason: 'not-a-template' | 'exists') {
    super(message);
    this.name = 'RegistrationError';
  }
}

// The debugger each language's .debug image listens on, published like Azure's generators do;
// C gets ptrace for gdb instead of Azure's Privileged, which would hand the container the host.
const DEBUG_CREATE_OPTIONS: Readonly<Record<Language, Record<string, unknown>>> = {
  node: publishPort(9229),
  python: publishPort(5678),
  java: publishPort(5005),
  csharp: {},
  c: { HostConfig: { CapAdd: ['SYS_PTRACE'] } },
};

function publishPort(port: number): Record<string, unknown> {
  return { ExposedPorts: { [`${port}/tcp`]: {} }, HostConfig: { PortBindings: { [`${port}/tcp`]: [{ HostPort: String(port) }] } } };
}

/** `${MODULES.x}` for modules under modules/, Azure's `${MODULEDIR<path>}` elsewhere. */
export function imagePlaceholder(moduleDir: string, name: string, debug: boolean): string {
  const suffix = debug ? '.debug' : '';
  return moduleDir === `modules/${name}` ? `\${MODULES.${name}${suffix}}` : `\${MODULEDIR<${moduleDir}>${suffix}}`;
}

export function registerModule(text: string, input: RegistrationInput): Registration {
  const root = parseJsonText(text).value;
  const contentKey = valueAt(root, '/modulesContent') !== undefined ? 'modulesContent' : 'moduleContent';
  const modulesPointer = `/${contentKey}/$edgeAgent/properties.desired/modules`;
  const routesPointer = `/${contentKey}/$edgeHub/properties.desired/routes`;
  const modules = valueAt(root, modulesPointer);
  const routes = valueAt(root, routesPointer);
  if (!isObject(modules) || !isObject(routes)) {
    throw new RegistrationError(`it has no ${modulesPointer} or ${routesPointer} object`, 'not-a-template');
  }
  const { name } = input;
  const edits: Array<{ pointer: string; key: string; value: unknown; change: string }> = [];
  const moduleEntry = {
    version: '1.0',
    type: 'docker',
    status: 'running',
    restartPolicy: 'always',
    settings: {
      image: imagePlaceholder(input.moduleDir, name, input.debug),
      createOptions: input.debug ? DEBUG_CREATE_OPTIONS[input.language] : {},
    },
  };
  edits.push({ pointer: modulesPointer, key: name, value: moduleEntry, change: `module ${name} (${moduleEntry.settings.image})` });
  const upstream = `${name}ToIoTHub`;
  edits.push({ pointer: routesPointer, key: upstream, value: `FROM /messages/modules/${name}/outputs/* INTO $upstream`, change: `route ${upstream}` });
  if (Object.hasOwn(modules, SENSOR_MODULE) && !sensorFeedsAModule(routes)) {
    const route = `${SENSOR_MODULE}To${name}`;
    edits.push({
      pointer: routesPointer,
      key: route,
      value: `FROM /messages/modules/${SENSOR_MODULE}/outputs/temperatureOutput INTO BrokeredEndpoint("/modules/${name}/inputs/input1")`,
      change: `route ${route}`,
    });
  }
  edits.push({
    pointer: `/${contentKey}`,
    key: name,
    value: { 'properties.desired': { TemperatureThreshold: DEFAULT_TEMPERATURE_THRESHOLD } },
    change: `twin ${name}: TemperatureThreshold ${DEFAULT_TEMPERATURE_THRESHOLD}`,
  });

  let content = text;
  const changes: string[] = [];
  for (const edit of edits) {
    const parent = valueAt(parseJsonText(content).value, edit.pointer);
    if (isObject(parent) && Object.hasOwn(parent, edit.key)) {
      if (!input.keepExisting) throw new RegistrationError(`${edit.pointer}/${edit.key} already exists`, 'exists');
      continue;
    }
    content = insertProperty(content, edit.pointer, edit.key, edit.value);
    changes.push(edit.change);
  }
  return { content, changes };
}

function sensorFeedsAModule(routes: Record<string, unknown>): boolean {
  return Object.values(routes).some((route) => {
    const text = typeof route === 'string' ? route : (route as { route?: unknown } | null)?.route;
    return typeof text === 'string' && text.includes(`/modules/${SENSOR_MODULE}/`) && /BrokeredEndpoint/i.test(text);
  });
}
