/**
 * The parts of a manifest the semantic rules look at, found once and with their pointers, whatever
 * the layout: `modulesContent` or the legacy `moduleContent`, inside a layered `content` wrapper or
 * not, with full `properties.desired` objects or flattened `properties.desired.modules.x` keys.
 * Tolerant by design: it runs after schema validation has reported shape errors, so it skips what
 * has the wrong shape instead of failing.
 */
import { appendPointer } from '../json/json-pointer.js';
import { isObject } from '../json/json-value.js';

export interface ModuleEntry {
  name: string;
  pointer: string;
  system: boolean;
  definition: Record<string, unknown>;
}

export interface RouteEntry {
  name: string;
  /** Pointer to the route string itself (inside a route object, to its "route" member). */
  pointer: string;
  text: string;
}

export interface Located<T> {
  pointer: string;
  value: T;
}

export interface ManifestModel {
  /** Pointer of the modulesContent object, or undefined when there is none. */
  contentPointer: string | undefined;
  legacyContentKey: boolean;
  agentSchemaVersion?: Located<string>;
  hubSchemaVersion?: Located<string>;
  modules: ModuleEntry[];
  routes: RouteEntry[];
  /** Route objects (priority/TTL), which need edgeHub schema 1.1. */
  routeObjects: Located<Record<string, unknown>>[];
  mqttBroker?: Located<unknown>;
  registryCredentials: (Located<Record<string, unknown>> & { name: string })[];
  /** Module twins: modulesContent keys other than $edgeAgent/$edgeHub, and the system twins. */
  twins: (Located<unknown> & { name: string })[];
}

export function extractModel(root: unknown): ManifestModel {
  const model: ManifestModel = { contentPointer: undefined, legacyContentKey: false, modules: [], routes: [], routeObjects: [], registryCredentials: [], twins: [] };
  const found = findContent(root);
  if (found === undefined) return model;
  model.contentPointer = found.pointer;
  model.legacyContentKey = found.legacy;
  for (const [name, section] of Object.entries(found.content)) {
    const pointer = appendPointer(found.pointer, name);
    if (!isObject(section)) continue;
    const desired = expandFlattened(section, pointer);
    if (name === '$edgeAgent') readAgent(desired, model);
    else if (name === '$edgeHub') readHub(desired, model);
    for (const part of desired.parts) if (part.path.length === 0) model.twins.push({ name, pointer: part.pointer, value: part.value });
  }
  return model;
}

function findContent(root: unknown): { content: Record<string, unknown>; pointer: string; legacy: boolean } | undefined {
  if (!isObject(root)) return undefined;
  const wrapper = isObject(root['content']) ? root['content'] : undefined;
  const base = wrapper === undefined ? root : wrapper;
  const basePointer = wrapper === undefined ? '' : '/content';
  for (const key of ['modulesContent', 'moduleContent']) {
    const content = base[key];
    if (isObject(content)) return { content, pointer: appendPointer(basePointer, key), legacy: key === 'moduleContent' };
  }
  if ('$edgeAgent' in root || '$edgeHub' in root) return { content: root, pointer: '', legacy: false };
  return undefined;
}

/**
 * A section's desired properties as (path below properties.desired, pointer, value) parts: one part
 * with an empty path for a full `properties.desired` object, one per flattened key otherwise.
 */
interface DesiredParts {
  parts: { path: string[]; pointer: string; value: unknown }[];
}

function expandFlattened(section: Record<string, unknown>, pointer: string): DesiredParts {
  const parts: DesiredParts['parts'] = [];
  for (const [key, value] of Object.entries(section)) {
    if (key === 'properties.desired') parts.push({ path: [], pointer: appendPointer(pointer, key), value });
    else if (key.startsWith('properties.desired.')) parts.push({ path: key.slice('properties.desired.'.length).split('.'), pointer: appendPointer(pointer, key), value });
  }
  return { parts };
}

/** Every (path, pointer, value) below properties.desired that a part reaches, at `depth` levels. */
function entriesAt(desired: DesiredParts, prefix: readonly string[]): { name: string; pointer: string; value: unknown }[] {
  const out: { name: string; pointer: string; value: unknown }[] = [];
  for (const part of desired.parts) {
    if (part.path.length === prefix.length + 1 && prefix.every((p, i) => part.path[i] === p)) {
      out.push({ name: part.path[prefix.length] ?? '', pointer: part.pointer, value: part.value });
      continue;
    }
    if (part.path.length > prefix.length || !part.path.every((p, i) => prefix[i] === p)) continue;
    let value: unknown = part.value;
    let pointer = part.pointer;
    for (const step of prefix.slice(part.path.length)) {
      if (!isObject(value)) { value = undefined; break; }
      value = value[step];
      pointer = appendPointer(pointer, step);
    }
    if (!isObject(value)) continue;
    for (const [name, child] of Object.entries(value)) out.push({ name, pointer: appendPointer(pointer, name), value: child });
  }
  return out;
}

function readAgent(desired: DesiredParts, model: ManifestModel): void {
  for (const entry of entriesAt(desired, [])) {
    if (entry.name === 'schemaVersion' && typeof entry.value === 'string') model.agentSchemaVersion = { pointer: entry.pointer, value: entry.value };
  }
  for (const entry of entriesAt(desired, ['systemModules'])) {
    if (isObject(entry.value)) model.modules.push({ name: entry.name, pointer: entry.pointer, system: true, definition: entry.value });
  }
  for (const entry of entriesAt(desired, ['modules'])) {
    if (isObject(entry.value)) model.modules.push({ name: entry.name, pointer: entry.pointer, system: false, definition: entry.value });
  }
  for (const entry of entriesAt(desired, ['runtime', 'settings', 'registryCredentials'])) {
    if (isObject(entry.value)) model.registryCredentials.push({ name: entry.name, pointer: entry.pointer, value: entry.value });
  }
}

function readHub(desired: DesiredParts, model: ManifestModel): void {
  for (const entry of entriesAt(desired, [])) {
    if (entry.name === 'schemaVersion' && typeof entry.value === 'string') model.hubSchemaVersion = { pointer: entry.pointer, value: entry.value };
    if (entry.name === 'mqttBroker') model.mqttBroker = { pointer: entry.pointer, value: entry.value };
  }
  for (const entry of entriesAt(desired, ['routes'])) {
    if (typeof entry.value === 'string') model.routes.push({ name: entry.name, pointer: entry.pointer, text: entry.value });
    else if (isObject(entry.value)) {
      model.routeObjects.push({ pointer: entry.pointer, value: entry.value });
      const text = entry.value['route'];
      if (typeof text === 'string') model.routes.push({ name: entry.name, pointer: appendPointer(entry.pointer, 'route'), text });
    }
  }
}
