/**
 * The loop: observe Docker → plan (pure) → execute → observe again, until a plan has nothing left to
 * do but wait. Triggered by an apply, by Docker events about this device's containers, by the time a
 * back-off ends, and by a periodic resync; concurrent triggers coalesce into one more round.
 */
import type { DesiredDeployment } from '../core/deployment/desired-module.js';
import { moduleConfigHash } from '../core/deployment/container-spec.js';
import type { DockerContainers } from '../adapters/docker-containers.js';
import type { StatusResponse } from '../protocol/supervisor-api.js';
import { runPlan, type VerifyImage } from './executor.js';
import { deploymentState, moduleStatus } from './module-status.js';
import type { BackoffSettings, ModuleFailure, ObservedContainer, RestartRecord } from './observed.js';
import { isActionable, type Step } from './plan-steps.js';
import { planReconcile } from './planner.js';

export interface Target {
  id: string;
  appliedAt: string;
  deployment: DesiredDeployment;
}

export interface ReconcilerOptions {
  docker: DockerContainers;
  deviceId: string;
  backoff: BackoffSettings;
  resyncMs: number;
  stopTimeoutSeconds: number;
  verifyImage: VerifyImage | undefined;
  now: () => number;
  log: (message: string) => void;
  debug?: (message: string) => void;
}

/** A round that keeps finding work is cut off here and resumed by the next trigger. */
const MAX_ROUNDS_PER_TRIGGER = 12;

export class Reconciler {
  private target: Target | undefined;
  private targetSetAt = 0;
  private containers: ObservedContainer[] = [];
  private observedAt: number | undefined;
  private readonly restarts = new Map<string, RestartRecord>();
  private readonly failures = new Map<string, ModuleFailure>();
  private running: Promise<void> | undefined;
  private again = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private eventDebounce: NodeJS.Timeout | undefined;
  private closeEvents: (() => void) | undefined;
  private stopped = false;
  dockerConnected = false;

  constructor(private readonly options: ReconcilerOptions) {}

  start(): void {
    this.resyncTimer = setInterval(() => this.trigger(), this.options.resyncMs);
    void this.watchEvents();
    this.trigger();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.resyncTimer);
    clearTimeout(this.wakeTimer);
    clearTimeout(this.eventDebounce);
    this.closeEvents?.();
  }

  currentTarget(): Target | undefined {
    return this.target;
  }

  setTarget(target: Target | undefined): void {
    const before = new Map((this.target?.deployment.modules ?? []).map((m) => [m.name, moduleConfigHash(m)]));
    this.target = target;
    this.targetSetAt = this.options.now();
    // A new deployment gets a clean slate for its failures, and for the restart counts of changed modules.
    this.failures.clear();
    for (const module of target?.deployment.modules ?? []) {
      if (before.get(module.name) !== moduleConfigHash(module)) this.restarts.delete(module.name);
    }
    this.trigger();
  }

  /** Runs a reconcile round soon; resolves when the loop that includes this trigger has finished. */
  trigger(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => { this.running = undefined; });
    return this.running;
  }

  /** A plan for a deployment that is not (yet) the target: what `deploy --dry-run` shows. */
  async preview(deployment: DesiredDeployment): Promise<Step[]> {
    const containers = await this.options.docker.listOwned();
    return this.plan(deployment, containers).filter(isActionable);
  }

  /** The operator's restart: immediate, and it forgives a module that had been given up on. */
  async restartModule(name: string): Promise<string | undefined> {
    const container = (await this.options.docker.listOwned()).find((c) => c.module === name);
    if (container === undefined) return undefined;
    this.restarts.delete(name);
    this.failures.delete(name);
    await this.options.docker.restart(container.id, this.options.stopTimeoutSeconds);
    void this.trigger();
    return container.id;
  }

  status(): Omit<StatusResponse, 'deviceId' | 'previousDeploymentId' | 'warnings'> {
    const now = this.options.now();
    const target = this.target;
    if (target === undefined) return { deployment: null, modules: [], systemModules: [], observedAt: iso(this.observedAt) };
    const byModule = new Map(this.containers.map((c) => [c.module, c]));
    const modules = target.deployment.modules.map((desired) => moduleStatus({
      desired,
      container: byModule.get(desired.name),
      restart: this.restarts.get(desired.name),
      failure: this.failures.get(desired.name),
    }, now, this.options.backoff));
    const { state, failing } = deploymentState(modules);
    const desiredNames = new Set(target.deployment.modules.map((m) => m.name));
    const leftovers = this.containers.filter((c) => !desiredNames.has(c.module)).map((c) => ({ module: c.module, reason: 'no longer in the deployment; being removed' }));
    // An observation older than the target says nothing about it yet.
    const stale = this.observedAt === undefined || this.observedAt < this.targetSetAt;
    const finalState = state === 'converged' && (stale || leftovers.length > 0) ? 'applying' : state;
    return {
      deployment: { id: target.id, state: finalState, appliedAt: target.appliedAt, failing: [...failing, ...leftovers] },
      modules,
      systemModules: target.deployment.systemModules,
      observedAt: iso(this.observedAt),
    };
  }

  private plan(deployment: DesiredDeployment | undefined, containers: readonly ObservedContainer[]): Step[] {
    return planReconcile({
      deviceId: this.options.deviceId,
      desired: deployment?.modules ?? [],
      containers,
      restarts: Object.fromEntries(this.restarts),
      failures: Object.fromEntries(this.failures),
      now: this.options.now(),
      backoff: this.options.backoff,
    });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      for (let round = 0; round < MAX_ROUNDS_PER_TRIGGER && !this.stopped; round++) {
        if (!(await this.round())) break;
      }
    } while (this.again && !this.stopped);
  }

  /** One observe → plan → execute; true when it did something (so another look is due). */
  private async round(): Promise<boolean> {
    const target = this.target;
    const startedAt = this.options.now();
    let containers: ObservedContainer[];
    try {
      containers = await this.options.docker.listOwned();
      this.dockerConnected = true;
    } catch (error) {
      this.dockerConnected = false;
      this.options.log(`cannot observe Docker: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    this.containers = containers;
    this.observedAt = startedAt;
    // Without any deployment yet, nothing is desired but nothing is removed either: an empty state
    // directory must not wipe containers a previous install left for a later apply to adopt.
    if (target === undefined) return false;
    const steps = this.plan(target.deployment, containers);
    const actionable = steps.filter(isActionable);
    this.scheduleWake(steps);
    this.options.debug?.(`round: ${containers.length} containers, ${actionable.length} steps`);
    if (actionable.length === 0) return false;
    const result = await runPlan(actionable, {
      docker: this.options.docker,
      deviceId: this.options.deviceId,
      credentials: target.deployment.registryCredentials,
      stopTimeoutSeconds: this.options.stopTimeoutSeconds,
      verifyImage: this.options.verifyImage,
      recordRestart: (module, attempt) => this.restarts.set(module, { count: attempt, lastRestartAt: this.options.now() }),
      resetRestarts: (module) => this.restarts.delete(module),
    });
    if (this.target !== target) return true;
    for (const failure of result.failures) {
      const previous = this.failures.get(failure.module);
      this.options.log(`${failure.module}: ${failure.step.kind} failed: ${failure.error.message}`);
      this.failures.set(failure.module, { reason: failure.error.message, at: this.options.now(), attempts: (previous?.attempts ?? 0) + 1, permanent: failure.permanent });
    }
    for (const module of result.succeeded) this.failures.delete(module);
    return true;
  }

  private scheduleWake(steps: readonly Step[]): void {
    const waits = steps.flatMap((s) => (s.kind === 'wait' ? [s.until] : []));
    clearTimeout(this.wakeTimer);
    if (waits.length === 0) return;
    const delay = Math.max(0, Math.min(...waits) - this.options.now()) + 5;
    this.wakeTimer = setTimeout(() => void this.trigger(), delay);
  }

  /** Docker events about this device's containers trigger a round; a dropped stream is re-opened. */
  private async watchEvents(): Promise<void> {
    while (!this.stopped) {
      const ended = await new Promise<void>((resolve) => {
        this.options.docker.events(
          () => {
            clearTimeout(this.eventDebounce);
            this.eventDebounce = setTimeout(() => void this.trigger(), 20);
          },
          () => resolve(),
        ).then((close) => {
          this.closeEvents = close;
          this.dockerConnected = true;
          // Whatever happened while we were not listening is picked up now.
          void this.trigger();
        }, () => resolve());
      });
      void ended;
      this.dockerConnected = false;
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
