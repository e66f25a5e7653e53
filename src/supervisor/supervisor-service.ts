/**
 * What the API can ask of the supervisor, independent of HTTP: apply, roll back, restart, status,
 * health and logs. Apply validates, persists, then hands the target to the reconciler; it never waits
 * for convergence (the CLI polls status for that).
 */
import type { Readable } from 'node:stream';
import { deploymentId } from '../core/deployment/content-hash.js';
import { validateForApply } from '../core/deployment/validate-for-apply.js';
import { readDesiredDeployment } from '../core/deployment/read-desired-deployment.js';
import type { DockerContainers } from '../adapters/docker-containers.js';
import type { ApplyResponse, HealthResponse, ImageInfoResponse, ImageLoadResponse, LogsQuery, RestartResponse, RollbackResponse, StatusResponse } from '../protocol/supervisor-api.js';
import { ApiError } from './api-error.js';
import { describeStep, type Step } from './plan-steps.js';
import type { Reconciler, Target } from './reconciler.js';
import type { StateStore, StoredDeployment } from './state-store.js';
import { dockerArchOfNode } from '../core/images/platforms.js';
import { parseTimeSpec } from '../core/time-spec.js';
import type { SupervisorHub } from './hub/supervisor-hub.js';
import type { Hub } from './hub/hub-types.js';

export interface ServiceOptions {
  deviceId: string;
  version: string;
  /** The first 12 hex digits of the sha256 of the running supervisor build. */
  build: string;
  store: StateStore;
  reconciler: Reconciler;
  docker: DockerContainers;
  now: () => number;
  startedAt: number;
  warnings: string[];
  /** The message hub, when it runs: apply and rollback configure it, status reports it. */
  hub?: SupervisorHub;
}

export class SupervisorService {
  private current: StoredDeployment | undefined;
  private previous: StoredDeployment | undefined;

  constructor(private readonly options: ServiceOptions, loaded: { current: StoredDeployment | undefined; previous: StoredDeployment | undefined }) {
    this.current = loaded.current;
    this.previous = loaded.previous;
    if (this.current !== undefined) options.reconciler.setTarget(this.withHub(toTarget(this.current), this.current.manifest));
  }

  async apply(text: string, dryRun: boolean): Promise<ApplyResponse> {
    const validation = validateForApply(text);
    if (!validation.ok) {
      throw new ApiError(400, 'MANIFEST_INVALID', `the deployment is invalid (${validation.diagnostics.length} problem${validation.diagnostics.length === 1 ? '' : 's'}); nothing was changed`,
        'run `edgectl validate <manifest>` to see every problem with its location', { diagnostics: validation.diagnostics });
    }
    const id = deploymentId(validation.manifest);
    const warnings = [...validation.deployment.warnings, ...validation.warnings.map((d) => `${d.code} at ${d.pointer || '/'}: ${d.message}`)];
    if (dryRun) {
      const plan = await this.options.reconciler.preview(this.options.hub?.attach(validation.deployment) ?? validation.deployment);
      return { deploymentId: id, changed: id !== this.current?.id, dryRun: true, plan: plan.map(viewStep), warnings };
    }
    if (id === this.current?.id) return { deploymentId: id, changed: false, dryRun: false, plan: [], warnings };
    const appliedAt = new Date(this.options.now()).toISOString();
    const target = this.withHub({ id, appliedAt, deployment: validation.deployment }, validation.manifest);
    const plan = await this.options.reconciler.preview(target.deployment).catch(() => [] as Step[]);
    const next: StoredDeployment = { id, appliedAt, manifest: validation.manifest };
    this.options.store.commit(next, this.current);
    this.previous = this.current;
    this.current = next;
    this.options.reconciler.setTarget(target);
    return { deploymentId: id, changed: true, dryRun: false, plan: plan.map(viewStep), warnings };
  }

  rollback(): RollbackResponse {
    const { current, previous } = this;
    if (previous === undefined || current === undefined) {
      throw new ApiError(409, 'NO_PREVIOUS_DEPLOYMENT', 'there is no previous deployment to roll back to', 'deploy a manifest with `edgectl deploy`');
    }
    this.options.store.commit(previous, current);
    this.current = previous;
    this.previous = current;
    this.options.reconciler.setTarget(this.withHub(toTarget(previous), previous.manifest));
    return { deploymentId: previous.id, rolledBackFrom: current.id };
  }

  async restart(name: string): Promise<RestartResponse> {
    this.requireModule(name);
    const id = await this.options.reconciler.restartModule(name);
    if (id === undefined) throw new ApiError(409, 'MODULE_NOT_CREATED', `module ${name} has no container yet`, 'wait for the deployment to converge: `edgectl status`');
    return { module: name, containerId: id };
  }

  status(): StatusResponse {
    return {
      deviceId: this.options.deviceId,
      previousDeploymentId: this.previous?.id ?? null,
      warnings: [...this.options.warnings],
      ...this.options.reconciler.status(),
      ...(this.options.hub === undefined ? {} : { hub: this.options.hub.hub.status() }),
    };
  }

  health(): HealthResponse {
    const docker = this.options.reconciler.dockerConnected ? 'connected' : 'unavailable';
    return {
      ok: docker === 'connected',
      version: this.options.version,
      build: this.options.build,
      deviceId: this.options.deviceId,
      pid: process.pid,
      uptimeSeconds: Math.round((this.options.now() - this.options.startedAt) / 1000),
      docker,
      architecture: dockerArchOfNode(process.arch) ?? process.arch,
      warnings: [...this.options.warnings, ...(docker === 'connected' ? [] : ['the Docker Engine is not reachable'])],
    };
  }

  /** The device's image under `reference`, so a client can skip sending what is already here. */
  async image(reference: string): Promise<ImageInfoResponse> {
    const id = await this.options.docker.imageId(reference);
    if (id === undefined) throw new ApiError(404, 'IMAGE_NOT_ON_DEVICE', `the device has no image ${reference}`);
    return { reference, id };
  }

  /**
   * Images sent by the client (`docker save` format), for devices that cannot pull what was built
   * elsewhere. The signature policy still applies when a module is created from them.
   */
  async loadImages(tar: Readable): Promise<ImageLoadResponse> {
    try {
      return { loaded: await this.options.docker.loadImages(tar) };
    } catch (error) {
      throw new ApiError(400, 'IMAGE_LOAD_FAILED', `the device's Docker Engine could not load the images: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async logs(name: string, query: LogsQuery): Promise<Readable> {
    this.requireModule(name);
    const container = this.status().modules.find((m) => m.name === name)?.containerId;
    if (container === null || container === undefined) throw new ApiError(409, 'MODULE_NOT_CREATED', `module ${name} has no container yet`);
    const now = this.options.now();
    const since = query.since === undefined ? undefined : parseTimeSpec(query.since, now);
    const until = query.until === undefined ? undefined : parseTimeSpec(query.until, now);
    if (since === null || until === null) throw new ApiError(400, 'BAD_TIME', 'since/until must be RFC 3339, unix seconds or a duration like 10m', 'e.g. --since 10m or --since 2026-01-01T00:00:00Z');
    return this.options.docker.logs(container, {
      follow: query.follow === true,
      timestamps: query.timestamps === true,
      ...(query.tail === undefined ? {} : { tail: query.tail }),
      ...(since === undefined ? {} : { since }),
      ...(until === undefined ? {} : { until }),
    });
  }

  /** The hub, for its API routes; undefined when it does not run. */
  get hub(): Hub | undefined {
    return this.options.hub?.hub;
  }

  /** Routes, twins and identities to the hub; hub environment, CA mount and host name into each module. */
  private withHub(target: Target, manifest: unknown): Target {
    return this.options.hub === undefined ? target : { ...target, deployment: this.options.hub.apply(target.deployment, manifest) };
  }

  private requireModule(name: string): void {
    const modules = this.options.reconciler.currentTarget()?.deployment.modules ?? [];
    if (!modules.some((m) => m.name === name)) {
      throw new ApiError(404, 'MODULE_NOT_FOUND', `no module named ${name} in the current deployment`, `modules: ${modules.map((m) => m.name).join(', ') || '(none)'}`);
    }
  }
}

function viewStep(step: Step): { kind: string; module: string; description: string } {
  return { kind: step.kind, module: step.module, description: describeStep(step) };
}

function toTarget(stored: StoredDeployment): Target {
  // Stored manifests were valid when applied; reading them again cannot add diagnostics.
  return { id: stored.id, appliedAt: stored.appliedAt, deployment: readDesiredDeployment(stored.manifest).deployment };
}
