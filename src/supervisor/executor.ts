/**
 * Carries out a plan: one function per step kind (the table must cover every kind, or it does not
 * compile), phases in order, modules of a phase in parallel, one module's steps in order. A failing
 * step ends that module's steps for this round and is reported; other modules carry on.
 */
import { containerSpec } from '../core/deployment/container-spec.js';
import { credentialFor, type RegistryCredential } from '../core/deployment/desired-module.js';
import type { DockerContainers } from '../adapters/docker-containers.js';
import type { Step, StepKind } from './plan-steps.js';

/** The signature seam: resolves the reference to run (by digest) or says why the image is refused. */
export type VerifyImage = (image: string) => Promise<{ ok: true; reference: string } | { ok: false; reason: string }>;

export interface ExecutorContext {
  docker: Pick<DockerContainers, 'imagePresent' | 'pull' | 'create' | 'start' | 'stop' | 'remove' | 'restart'>;
  deviceId: string;
  credentials: readonly RegistryCredential[];
  stopTimeoutSeconds: number;
  verifyImage: VerifyImage | undefined;
  recordRestart(module: string, attempt: number): void;
  resetRestarts(module: string): void;
}

/** A failure retrying will not fix (a refused signature, a missing image that may not be pulled). */
export class PermanentStepError extends Error {}

type Executors = { [K in StepKind]: (step: Extract<Step, { kind: K }>, context: ExecutorContext) => Promise<void> };

const executors: Executors = {
  async 'ensure-image'(step, context) {
    if (await context.docker.imagePresent(step.image)) return;
    if (step.pullPolicy === 'never') {
      throw new PermanentStepError(`image ${step.image} is not on the device and imagePullPolicy is "never"`);
    }
    const credential = credentialFor(step.image, context.credentials);
    try {
      await context.docker.pull(step.image, credential === undefined ? undefined : { username: credential.username, password: credential.password, serveraddress: credential.address });
    } catch (error) {
      throw new Error(`cannot pull ${step.image}: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
  async remove(step, context) {
    await context.docker.remove(step.container);
  },
  async create(step, context) {
    const spec = containerSpec(step.desired, context.deviceId);
    if (context.verifyImage !== undefined) {
      const verdict = await context.verifyImage(step.desired.image);
      if (!verdict.ok) throw new PermanentStepError(`image ${step.desired.image} refused: ${verdict.reason}`);
      spec.body['Image'] = verdict.reference;
    }
    await context.docker.create(spec.name, spec.body);
  },
  async start(step, context) {
    await context.docker.start(step.container);
  },
  async stop(step, context) {
    await context.docker.stop(step.container, context.stopTimeoutSeconds);
  },
  async restart(step, context) {
    // Counted before acting: a crash mid-restart must not hand out a free attempt.
    context.recordRestart(step.module, step.attempt);
    await context.docker.stop(step.container, context.stopTimeoutSeconds);
    await context.docker.start(step.container);
  },
  async 'reset-restarts'(step, context) {
    context.resetRestarts(step.module);
  },
  async wait() {
    // Nothing to do now; the reconciler wakes up at step.until.
  },
};

export function executeStep(step: Step, context: ExecutorContext): Promise<void> {
  return (executors[step.kind] as (s: Step, c: ExecutorContext) => Promise<void>)(step, context);
}

export interface StepFailure {
  module: string;
  step: Step;
  error: Error;
  permanent: boolean;
}

export interface RunResult {
  failures: StepFailure[];
  /** Modules all of whose steps this round succeeded. */
  succeeded: Set<string>;
}

export async function runPlan(steps: readonly Step[], context: ExecutorContext): Promise<RunResult> {
  const failures: StepFailure[] = [];
  const failed = new Set<string>();
  const touched = new Set<string>();
  const phases = [...new Set(steps.map((s) => s.phase))].sort((a, b) => a - b);
  for (const phase of phases) {
    const byModule = new Map<string, Step[]>();
    for (const step of steps) {
      if (step.phase !== phase || step.kind === 'wait') continue;
      byModule.set(step.module, [...(byModule.get(step.module) ?? []), step]);
    }
    await Promise.all([...byModule].map(async ([module, moduleSteps]) => {
      touched.add(module);
      for (const step of moduleSteps) {
        if (failed.has(module)) return;
        try {
          await executeStep(step, context);
        } catch (error) {
          failed.add(module);
          const err = error instanceof Error ? error : new Error(String(error));
          failures.push({ module, step, error: err, permanent: error instanceof PermanentStepError });
        }
      }
    }));
  }
  return { failures, succeeded: new Set([...touched].filter((m) => !failed.has(m))) };
}
