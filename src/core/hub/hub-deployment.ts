/**
 * What the hub needs from a deployment manifest: `$edgeHub` routes and store-and-forward settings,
 * each module's twin desired properties, and the module list. Pure, so the supervisor calls it on the
 * manifest it already validated (reference azure-iot-edge.md §1.5, §1.7).
 */

import { modulesContentOf } from '../deployment/read-desired-deployment.js';
import { isObject } from '../manifest/document-kind.js';
import type { JsonObject } from './twin-document.js';

/** The shape of the hub's applyDeployment (src/supervisor/hub/hub-types.ts HubDeployment). */
export interface HubDeploymentInput {
  routes: Record<string, unknown>;
  storeAndForward: { timeToLiveSecs?: number; maxSizeBytes?: number };
  moduleTwins: Record<string, JsonObject>;
  modules: string[];
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

export function hubDeploymentFromManifest(manifest: unknown): HubDeploymentInput {
  const content = modulesContentOf(manifest) ?? {};
  const hub = desiredOf(content['$edgeHub']);
  const agent = desiredOf(content['$edgeAgent']);
  const modules = isObject(agent['modules']) ? Object.keys(agent['modules']) : [];
  const saf = isObject(hub['storeAndForwardConfiguration']) ? hub['storeAndForwardConfiguration'] : {};
  const limits = isObject(saf['storeLimits']) ? saf['storeLimits'] : {};
  const storeAndForward: HubDeploymentInput['storeAndForward'] = {
    ...(typeof saf['timeToLiveSecs'] === 'number' ? { timeToLiveSecs: saf['timeToLiveSecs'] } : {}),
    ...(typeof limits['maxSizeBytes'] === 'number' ? { maxSizeBytes: limits['maxSizeBytes'] } : {}),
  };
  const moduleTwins: HubDeploymentInput['moduleTwins'] = {};
  // Manifest JSON is JSON: its objects are JsonObjects.
  for (const name of modules) moduleTwins[name] = desiredOf(content[name]) as JsonObject;
  return { routes: isObject(hub['routes']) ? hub['routes'] : {}, storeAndForward, moduleTwins, modules };
}
