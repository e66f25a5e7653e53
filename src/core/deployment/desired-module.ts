/**
 * What a deployment asks of one device, in the supervisor's own terms: the modules of
 * `$edgeAgent.properties.desired`, with every default of edgeAgent applied (restart policy
 * on-unhealthy, pull policy on-create, startup order uint max) and createOptions chunks joined.
 */

export type RestartPolicy = 'never' | 'on-failure' | 'on-unhealthy' | 'always';
export type ImagePullPolicy = 'on-create' | 'never';
export type DesiredStatus = 'running' | 'stopped';

export const RESTART_POLICIES: readonly RestartPolicy[] = ['never', 'on-failure', 'on-unhealthy', 'always'];
/** edgeAgent Core/Constants.cs: DefaultStartupOrder = uint.MaxValue. */
export const DEFAULT_STARTUP_ORDER = 4294967295;
export const DEFAULT_RESTART_POLICY: RestartPolicy = 'on-unhealthy';

export interface DesiredModule {
  name: string;
  /** Normalised reference: a missing tag becomes `:latest`, as edgeAgent's DockerConfig does. */
  image: string;
  version: string;
  status: DesiredStatus;
  restartPolicy: RestartPolicy;
  imagePullPolicy: ImagePullPolicy;
  startupOrder: number;
  env: Record<string, string>;
  /** The joined createOptions, parsed: Docker's ContainerCreate body. */
  createOptions: Record<string, unknown>;
}

export interface RegistryCredential {
  name: string;
  address: string;
  username: string;
  password: string;
}

export interface DesiredDeployment {
  modules: DesiredModule[];
  registryCredentials: RegistryCredential[];
  /** The manifest's systemModules, with what the supervisor does about each. */
  systemModules: { name: string; note: string }[];
  /** Things accepted but not honoured, to be said aloud. */
  warnings: string[];
}

/** Adds `:latest` when the reference has neither tag nor digest (the last path part has no `:`). */
export function normaliseImage(image: string): string {
  const trimmed = image.trim();
  if (trimmed.includes('@')) return trimmed;
  const lastPart = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return lastPart.includes(':') ? trimmed : `${trimmed}:latest`;
}

/** The registry host of an image reference, as Docker decides it (docker.io when there is none). */
export function registryOf(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : 'docker.io';
}

/** The credential for an image's registry, matched by host like edgeAgent does. */
export function credentialFor(image: string, credentials: readonly RegistryCredential[]): RegistryCredential | undefined {
  const host = registryOf(image);
  return credentials.find((c) => c.address.replace(/^https?:\/\//, '').replace(/\/.*$/, '') === host);
}
