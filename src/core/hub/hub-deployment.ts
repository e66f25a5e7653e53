/**
 * What the hub needs from a deployment manifest: `$edgeHub` routes and store-and-forward settings,
 * each module's twin desired properties, and the module list. Pure, so the supervisor calls it on the
 * manifest it already validated (reference azure-iot-edge.md §1.5, §1.7).
 */

import { modulesContentOf } from '../deployment/read-desired-deployment.js';
import { isObject } from '../json/json-value.js';
import type { JsonObject } from './twin-document.js';

export interface StoreAndForward {
  /** Default message lifetime; negative = forever, absent or 0 = DEFAULT_MESSAGE_TTL_SECS (route-table.ts). */
  timeToLiveSecs?: number;
  maxSizeBytes?: number;
}

/** The hub's applyDeployment input (src/supervisor/hub/hub-types.ts re-exports it). */
export interface HubDeployment {
  /** `$edgeHub.properties.desired.routes`: name → route string or {route, priority, timeToLiveSecs}. */
  routes: Readonly<Record<string, unknown>>;
  storeAndForward?: StoreAndForward;
  /** Module name → its `properties.desired` from the deployment. */
  moduleTwins?: Readonly<Record<string, JsonObject>>;
  /** Every module of the deployment: each gets an identity (key); modules no longer listed lose theirs. */
  modules: readonly string[];
}

type Json = Record<string, unknown>;

/** Layered deployments flatten keys ("properties.desired.routes.r1"): gather them under their prefix. */
function desiredOf(entry: unknown): Json {
  if (!isObject(entry)) return {};
  const desired: Json = isObject(entry['properties.desired']) ? { ...entry['properties.desired'] } : {};
  for (const [key, value] of Object.entries(entry)) {
    if (!key.startsWith('properties.desired.')) continue;
    const path = key.slice('properties.desired.'.length).split('.');
    let node = desired;
    for (const part of path.slice(0, -1)) {
      if (!isObject(node[part])) node[part] = {};
      node = node[part] as Json;
    }
    node[path[path.length - 1] ?? ''] = value;
  }
  return desired;
}

/** Every field is filled: absent manifest sections become empty ones. */
export function hubDeploymentFromManifest(manifest: unknown): Required<HubDeployment> {
  const content = modulesContentOf(manifest) ?? {};
  const hub = desiredOf(content['$edgeHub']);
  const agent = desiredOf(content['$edgeAgent']);
  const modules = isObject(agent['modules']) ? Object.keys(agent['modules']) : [];
  const saf = isObject(hub['storeAndForwardConfiguration']) ? hub['storeAndForwardConfiguration'] : {};
  const limits = isObject(saf['storeLimits']) ? saf['storeLimits'] : {};
  const storeAndForward: StoreAndForward = {
    ...(typeof saf['timeToLiveSecs'] === 'number' ? { timeToLiveSecs: saf['timeToLiveSecs'] } : {}),
    ...(typeof limits['maxSizeBytes'] === 'number' ? { maxSizeBytes: limits['maxSizeBytes'] } : {}),
  };
  const moduleTwins: Record<string, JsonObject> = {};
  // Manifest JSON is JSON: its objects are JsonObjects.
  for (const name of modules) moduleTwins[name] = desiredOf(content[name]) as JsonObject;
  return { routes: isObject(hub['routes']) ? hub['routes'] : {}, storeAndForward, moduleTwins, modules };
}
