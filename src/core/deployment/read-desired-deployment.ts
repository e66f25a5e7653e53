/**
 * Reads `$edgeAgent.properties.desired` into a DesiredDeployment, collecting a diagnostic for each
 * thing that stops the supervisor from running it. This is the structural check the supervisor
 * needs; `validateForApply` is where the full `edgectl validate` pipeline plugs in.
 */
import { escapePointerToken } from '../json/json-pointer.js';
import { isObject } from '../json/json-value.js';
import { joinCreateOptions, parseCreateOptions } from './create-options.js';
import {
  DEFAULT_RESTART_POLICY, DEFAULT_STARTUP_ORDER, RESTART_POLICIES, normaliseImage,
  type DesiredDeployment, type DesiredModule, type RegistryCredential, type RestartPolicy,
} from './desired-module.js';

export interface ApplyDiagnostic {
  code: string;
  /** JSON pointer into the manifest. */
  pointer: string;
  message: string;
}

type Json = Record<string, unknown>;
const MODULE_NAME = /^[a-zA-Z0-9_-]+$/;
const ENV_NAME = /^[^+#$\s.]+$/;

/** The `modulesContent` of a manifest, accepting the legacy `moduleContent` and the layered `content` wrapper. */
export function modulesContentOf(manifest: unknown): Json | undefined {
  if (!isObject(manifest)) return undefined;
  const root = isObject(manifest['content']) ? manifest['content'] : manifest;
  const content = root['modulesContent'] ?? root['moduleContent'];
  return isObject(content) ? content : undefined;
}

export function readDesiredDeployment(manifest: unknown): { deployment: DesiredDeployment; diagnostics: ApplyDiagnostic[] } {
  const diagnostics: ApplyDiagnostic[] = [];
  const fail = (pointer: string, code: string, message: string): void => { diagnostics.push({ code, pointer, message }); };
  const deployment: DesiredDeployment = { modules: [], registryCredentials: [], systemModules: [], warnings: [] };
  const content = modulesContentOf(manifest);
  if (content === undefined) {
    fail('', 'MANIFEST_NO_MODULES_CONTENT', 'the manifest has no "modulesContent" object');
    return { deployment, diagnostics };
  }
  const agent = content['$edgeAgent'];
  const desired = isObject(agent) ? agent['properties.desired'] : undefined;
  const base = '/modulesContent/$edgeAgent/properties.desired';
  if (!isObject(desired)) {
    fail('/modulesContent/$edgeAgent', 'MANIFEST_NO_AGENT', 'modulesContent has no "$edgeAgent": {"properties.desired": {…}}');
    return { deployment, diagnostics };
  }
  const schemaVersion = desired['schemaVersion'];
  if (typeof schemaVersion !== 'string' || !/^1(\.[01](\.\d+)?)?$/.test(schemaVersion)) {
    fail(`${base}/schemaVersion`, 'AGENT_SCHEMA_VERSION', `schemaVersion must be "1.0" or "1.1", found ${JSON.stringify(schemaVersion)}`);
  }
  deployment.registryCredentials = readCredentials(desired, base, fail);
  deployment.systemModules = readSystemModules(desired, deployment.warnings);
  const modules = desired['modules'] ?? {};
  if (!isObject(modules)) {
    fail(`${base}/modules`, 'MODULES_NOT_OBJECT', '"modules" must be an object keyed by module name');
    return { deployment, diagnostics };
  }
  for (const [name, value] of Object.entries(modules)) {
    const module = readModule(name, value, `${base}/modules/${escapePointerToken(name)}`, fail);
    if (module !== undefined) deployment.modules.push(module);
  }
  return { deployment, diagnostics };
}

function readModule(name: string, value: unknown, at: string, fail: (pointer: string, code: string, message: string) => void): DesiredModule | undefined {
  const before = { count: 0 };
  const check = (ok: boolean, pointer: string, code: string, message: string): void => {
    if (!ok) { before.count++; fail(pointer, code, message); }
  };
  check(MODULE_NAME.test(name), at, 'MODULE_NAME', `module name "${name}" may only hold letters, digits, "_" and "-"`);
  if (!isObject(value)) {
    fail(at, 'MODULE_NOT_OBJECT', `module "${name}" must be an object`);
    return undefined;
  }
  check(value['type'] === 'docker', `${at}/type`, 'MODULE_TYPE', `module "${name}": type must be "docker"`);
  const status = value['status'] ?? 'running';
  check(status === 'running' || status === 'stopped', `${at}/status`, 'MODULE_STATUS', `module "${name}": status must be "running" or "stopped"`);
  const restartPolicy = value['restartPolicy'] ?? DEFAULT_RESTART_POLICY;
  check(RESTART_POLICIES.includes(restartPolicy as RestartPolicy), `${at}/restartPolicy`, 'MODULE_RESTART_POLICY', `module "${name}": restartPolicy must be one of ${RESTART_POLICIES.join(', ')}`);
  const pullPolicy = value['imagePullPolicy'] ?? 'on-create';
  check(pullPolicy === 'on-create' || pullPolicy === 'never', `${at}/imagePullPolicy`, 'MODULE_PULL_POLICY', `module "${name}": imagePullPolicy must be "on-create" or "never"`);
  const startupOrder = value['startupOrder'] ?? DEFAULT_STARTUP_ORDER;
  check(Number.isInteger(startupOrder) && (startupOrder as number) >= 0 && (startupOrder as number) <= DEFAULT_STARTUP_ORDER, `${at}/startupOrder`, 'MODULE_STARTUP_ORDER', `module "${name}": startupOrder must be an integer from 0 to 4294967295`);
  const settings = value['settings'];
  let image = '';
  let createOptions: Record<string, unknown> = {};
  if (!isObject(settings)) {
    check(false, `${at}/settings`, 'MODULE_SETTINGS', `module "${name}" has no "settings" object`);
  } else {
    check(typeof settings['image'] === 'string' && settings['image'].trim() !== '', `${at}/settings/image`, 'MODULE_IMAGE', `module "${name}" has no settings.image`);
    if (typeof settings['image'] === 'string') image = settings['image'];
    const joined = joinCreateOptions(settings);
    const parsed = joined.ok ? parseCreateOptions(joined.text) : joined;
    if (parsed.ok) createOptions = parsed.value;
    else check(false, `${at}/settings/createOptions`, 'MODULE_CREATE_OPTIONS', `module "${name}": ${parsed.message}`);
  }
  const env: Record<string, string> = {};
  const rawEnv = value['env'] ?? {};
  if (!isObject(rawEnv)) check(false, `${at}/env`, 'MODULE_ENV', `module "${name}": env must be an object`);
  else {
    for (const [key, entry] of Object.entries(rawEnv)) {
      const v = isObject(entry) ? entry['value'] : undefined;
      const ok = ENV_NAME.test(key) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
      check(ok, `${at}/env/${escapePointerToken(key)}`, 'MODULE_ENV', `module "${name}": env "${key}" must be {"value": <string|number|boolean>} with a name free of spaces, ".", "$", "#", "+"`);
      if (ok) env[key] = String(v);
    }
  }
  if (before.count > 0) return undefined;
  return {
    name,
    image: normaliseImage(image),
    version: typeof value['version'] === 'string' ? value['version'] : '',
    status: status as DesiredModule['status'],
    restartPolicy: restartPolicy as RestartPolicy,
    imagePullPolicy: pullPolicy as DesiredModule['imagePullPolicy'],
    startupOrder: startupOrder as number,
    env,
    createOptions,
  };
}

function readCredentials(desired: Json, base: string, fail: (pointer: string, code: string, message: string) => void): RegistryCredential[] {
  const runtime = desired['runtime'];
  const settings = isObject(runtime) ? runtime['settings'] : undefined;
  const credentials = isObject(settings) ? settings['registryCredentials'] : undefined;
  if (!isObject(credentials)) return [];
  const out: RegistryCredential[] = [];
  for (const [name, value] of Object.entries(credentials)) {
    if (isObject(value) && typeof value['address'] === 'string' && typeof value['username'] === 'string' && typeof value['password'] === 'string') {
      out.push({ name, address: value['address'], username: value['username'], password: value['password'] });
    } else {
      fail(`${base}/runtime/settings/registryCredentials/${escapePointerToken(name)}`, 'REGISTRY_CREDENTIAL', `registry credential "${name}" needs string address, username and password`);
    }
  }
  return out;
}

/** The supervisor is the edgeAgent and hosts the hub itself: it never runs Microsoft's images. */
function readSystemModules(desired: Json, warnings: string[]): { name: string; note: string }[] {
  const system = desired['systemModules'];
  if (!isObject(system)) return [];
  return Object.entries(system).map(([name, value]) => {
    const role = name === 'edgeAgent' ? 'edge-supervisor itself' : name === 'edgeHub' ? "the supervisor's built-in hub" : 'nothing (unknown system module)';
    const settings = isObject(value) && isObject(value['settings']) ? value['settings'] : {};
    const options = joinCreateOptions(settings);
    const hasOptions = options.ok && !['', '{}', 'null'].includes(options.text.replace(/\s/g, ''));
    const hasEnv = isObject(value) && isObject(value['env']) && Object.keys(value['env']).length > 0;
    const ignored = [...(hasEnv ? ['env'] : []), ...(hasOptions ? ['createOptions'] : [])];
    const note = `not run: its role is played by ${role}` + (ignored.length > 0 ? `; its ${ignored.join(' and ')} are not applied` : '');
    if (ignored.length > 0) warnings.push(`systemModules.${name}: ${ignored.join(' and ')} cannot be honoured (${role} plays this role)`);
    return { name, note };
  });
}
