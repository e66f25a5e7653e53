/**
 * The supervisor's API, as both sides see it: HTTP/1.1 + JSON on a unix socket, every path under
 * /v1. The CLI reaches it directly (local device) or through `edge-supervisor dial-stdio` over ssh,
 * so these shapes are the whole contract between edgectl and a device.
 */

import type { HubStatusView } from './hub-api.js';

export const API_PREFIX = '/v1';

/** Paths of the API, so client and server never spell them twice. */
export const ApiPath = {
  health: `${API_PREFIX}/health`,
  status: `${API_PREFIX}/status`,
  deployment: `${API_PREFIX}/deployment`,
  rollback: `${API_PREFIX}/rollback`,
  restart: (module: string) => `${API_PREFIX}/modules/${encodeURIComponent(module)}/restart`,
  logs: (module: string) => `${API_PREFIX}/modules/${encodeURIComponent(module)}/logs`,
  image: (reference: string) => `${API_PREFIX}/images/${encodeURIComponent(reference)}`,
  imagesLoad: `${API_PREFIX}/images/load`,
} as const;

/** GET /v1/images/{reference}: the image the device's engine has under that name (404 when none). */
export interface ImageInfoResponse {
  reference: string;
  /** The engine's image id (sha256 of the image config): the same on every engine that has the image. */
  id: string;
}

/** POST /v1/images/load, the body a `docker save` tar: what the device's engine loaded. */
export interface ImageLoadResponse {
  loaded: string[];
}

/** Every non-2xx answer carries this body (status 400 invalid input, 404 unknown, 409 conflict, 5xx). */
export interface ApiErrorBody {
  error: { code: string; message: string; hint?: string; details?: unknown };
}

/** A supervisor build's id, as HealthResponse.build reports it: the first 12 hex digits of its bundle's sha256. */
export function buildIdOf(bundleSha256Hex: string): string {
  return bundleSha256Hex.slice(0, 12);
}

/** GET /v1/health */
export interface HealthResponse {
  ok: boolean;
  version: string;
  deviceId: string;
  pid: number;
  uptimeSeconds: number;
  docker: 'connected' | 'unavailable';
  /** The first 12 hex digits of the sha256 of the supervisor build that runs (same version, other code: another build). */
  build?: string;
  /** The device's CPU architecture in Docker's terms (amd64, arm64, arm), so images are built for it. */
  architecture?: string;
  /** Things the operator should know (a corrupted state file recovered, Docker unreachable…). */
  warnings: string[];
}

/** One step of a plan, for people: `kind` is the planner's step kind, `description` a sentence. */
export interface PlanStepView {
  kind: string;
  module: string;
  description: string;
}

/** PUT /v1/deployment (body: the deployment manifest JSON; `?dryRun=true` plans without applying). */
export interface ApplyResponse {
  deploymentId: string;
  /** False when the manifest's content hash equals the current deployment's: nothing was changed. */
  changed: boolean;
  dryRun: boolean;
  plan: PlanStepView[];
  /** Settings the supervisor accepted but cannot honour (systemModules…), said aloud. */
  warnings: string[];
}

/** POST /v1/rollback */
export interface RollbackResponse {
  deploymentId: string;
  rolledBackFrom: string;
}

/** POST /v1/modules/{name}/restart */
export interface RestartResponse {
  module: string;
  containerId: string;
}

export type RuntimeStatus = 'running' | 'backoff' | 'stopped' | 'failed' | 'unhealthy' | 'unknown';
export type DeploymentState = 'applying' | 'converged' | 'failed';

export interface ModuleStatus {
  name: string;
  desiredStatus: 'running' | 'stopped';
  runtimeStatus: RuntimeStatus;
  restartPolicy: string;
  exitCode: number | null;
  /** Restarts the supervisor made by policy since the counter was last reset. */
  restartCount: number;
  lastStartTime: string | null;
  lastExitTime: string | null;
  image: string;
  /** The local image id (sha256:…) the container runs, when known. */
  imageId: string | null;
  /** The registry digest (repo@sha256:…) of that image, when it came from a registry. */
  imageDigest: string | null;
  containerId: string | null;
  /** "Up 3 minutes", "Failed (137) 5 minutes ago", "Back-off: restarting in 20 s". */
  description: string;
  /** Why the module is not where it should be; absent when it is. */
  reason?: string;
}

export interface DeploymentStatusView {
  id: string;
  state: DeploymentState;
  appliedAt: string;
  failing: { module: string; reason: string }[];
}

/** GET /v1/status */
export interface StatusResponse {
  deviceId: string;
  deployment: DeploymentStatusView | null;
  previousDeploymentId: string | null;
  modules: ModuleStatus[];
  /** edgeAgent/edgeHub entries of the manifest: the supervisor plays their role and does not run them. */
  systemModules: { name: string; note: string }[];
  warnings: string[];
  observedAt: string | null;
  /** The message hub: connected modules, routes, `$upstream` counts and drops. Absent when it does not run. */
  hub?: HubStatusView;
}

/** GET /v1/modules/{name}/logs query; the answer is text/plain, streamed (stdout and stderr interleaved). */
export interface LogsQuery {
  tail?: number;
  /** RFC 3339, unix seconds, or a duration like "10m" (ago). */
  since?: string;
  until?: string;
  follow?: boolean;
  timestamps?: boolean;
}

export function logsQueryString(query: LogsQuery): string {
  const params = new URLSearchParams();
  if (query.tail !== undefined) params.set('tail', String(query.tail));
  if (query.since !== undefined) params.set('since', query.since);
  if (query.until !== undefined) params.set('until', query.until);
  if (query.follow === true) params.set('follow', 'true');
  if (query.timestamps === true) params.set('timestamps', 'true');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
