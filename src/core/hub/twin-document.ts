/**
 * A module twin as the hub keeps it: desired properties from the deployment, reported properties from
 * the module, each with a version. Pure: returns new documents and the patch a change implies.
 */

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

export interface TwinDocument {
  desired: JsonObject;
  desiredVersion: number;
  reported: JsonObject;
  reportedVersion: number;
}

export const emptyTwin = (): TwinDocument => ({ desired: {}, desiredVersion: 1, reported: {}, reportedVersion: 1 });

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** The JSON merge patch that turns `from` into `to` (null deletes a key), or undefined when equal. */
export function diffObjects(from: JsonObject, to: JsonObject): JsonObject | undefined {
  const patch: JsonObject = {};
  for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  for (const [key, value] of Object.entries(to)) {
    const old = from[key];
    if (isJsonObject(old) && isJsonObject(value)) {
      const inner = diffObjects(old, value);
      if (inner !== undefined) patch[key] = inner;
    } else if (!deepEqual(old, value)) {
      patch[key] = value;
    }
  }
  return Object.keys(patch).length === 0 ? undefined : patch;
}

/** Apply a merge patch: null deletes, objects merge, everything else replaces. */
export function mergePatch(target: JsonObject, patch: JsonObject): JsonObject {
  const result: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$version') continue;
    if (value === null) delete result[key];
    else if (isJsonObject(value) && isJsonObject(result[key])) result[key] = mergePatch(result[key], value);
    else if (isJsonObject(value)) result[key] = mergePatch({}, value);
    else result[key] = value;
  }
  return result;
}

/** New desired properties from a deployment; the patch (with `$version`) to push, if anything changed. */
export function setDesired(twin: TwinDocument, desired: JsonObject): { twin: TwinDocument; patch?: JsonObject } {
  const clean = mergePatch({}, desired);
  const diff = diffObjects(twin.desired, clean);
  if (diff === undefined) return { twin };
  const desiredVersion = twin.desiredVersion + 1;
  return { twin: { ...twin, desired: clean, desiredVersion }, patch: { ...diff, $version: desiredVersion } };
}

export function applyReported(twin: TwinDocument, patch: JsonObject): TwinDocument {
  return { ...twin, reported: mergePatch(twin.reported, patch), reportedVersion: twin.reportedVersion + 1 };
}

/** The body of a twin GET response: exactly `desired` and `reported`, each with `$version` (§6). */
export function twinGetBody(twin: TwinDocument): JsonObject {
  return {
    desired: { ...twin.desired, $version: twin.desiredVersion },
    reported: { ...twin.reported, $version: twin.reportedVersion },
  };
}
