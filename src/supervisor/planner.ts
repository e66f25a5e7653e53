/**
 * The planner: a pure function from what is desired and what Docker shows to the steps that close
 * the gap. It is re-run after every execution from a fresh observation (balena-supervisor's design),
 * so a crash at any point only means the next plan starts from wherever Docker really is.
 */
import { containerName, moduleConfigHash } from '../core/deployment/container-spec.js';
import type { DesiredModule } from '../core/deployment/desired-module.js';
import type { BackoffSettings, ModuleFailure, ObservedContainer, RestartRecord } from './observed.js';
import { PHASE_FIRST_GROUP, PHASE_PULL, PHASE_REMOVE, type Step } from './plan-steps.js';
import { coolOffMs, decideRestart, effectiveRestartCount, policyWantsRestart } from './restart-policy.js';

export interface PlanInput {
  deviceId: string;
  desired: readonly DesiredModule[];
  containers: readonly ObservedContainer[];
  restarts: Readonly<Record<string, RestartRecord>>;
  failures: Readonly<Record<string, ModuleFailure>>;
  now: number;
  backoff: BackoffSettings;
  /**
   * Since when the supervisor has been watching Docker without a gap. A container that exited cleanly
   * before that (engine restarted, device rebooted, supervisor down) was stopped, not failed: like
   * edgeAgent, it is started again at once, without back-off and without counting a restart.
   */
  watchingSince?: number;
}

export function planReconcile(input: PlanInput): Step[] {
  const desiredNames = new Set(input.desired.map((m) => m.name));
  const steps: Step[] = [];
  for (const container of input.containers) {
    if (!desiredNames.has(container.module)) {
      steps.push({ kind: 'remove', phase: PHASE_REMOVE, module: container.module, container: container.id, reason: 'not-desired' });
    }
  }
  const groups = [...new Set(input.desired.map((m) => m.startupOrder))].sort((a, b) => a - b);
  // Names compare by code unit, not localeCompare: the order must not depend on the device's locale,
  // and localeCompare loads ICU's collator (about 3 MB of resident memory, measured) into a daemon.
  const ordered = [...input.desired].sort((a, b) => a.startupOrder - b.startupOrder || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const module of ordered) {
    const phase = PHASE_FIRST_GROUP + groups.indexOf(module.startupOrder);
    steps.push(...planModule(module, phase, input));
  }
  return steps;
}

function planModule(module: DesiredModule, phase: number, input: PlanInput): Step[] {
  const name = module.name;
  const hash = moduleConfigHash(module);
  const mine = input.containers.filter((c) => c.module === name);
  // Keep the container whose config matches (newest first); any other is a duplicate.
  const kept = [...mine].sort((a, b) => Number(b.configHash === hash) - Number(a.configHash === hash) || b.createdAt - a.createdAt)[0];
  const steps: Step[] = mine
    .filter((c) => c !== kept)
    .map((c) => ({ kind: 'remove', phase: PHASE_REMOVE, module: name, container: c.id, reason: 'duplicate' }));

  const failure = input.failures[name];
  if (failure?.permanent === true) return steps;
  const needsNew = kept === undefined || kept.configHash !== hash || kept.state === 'dead';
  if (failure !== undefined) {
    const retryAt = failure.at + coolOffMs(failure.attempts - 1, input.backoff);
    if (input.now < retryAt) return [...steps, { kind: 'wait', phase, module: name, until: retryAt, reason: `retry after failure: ${failure.reason}` }];
  }
  if (needsNew) {
    steps.push({ kind: 'ensure-image', phase: PHASE_PULL, module: name, image: module.image, pullPolicy: module.imagePullPolicy });
    if (kept !== undefined) {
      steps.push({ kind: 'remove', phase, module: name, container: kept.id, reason: kept.state === 'dead' ? 'dead' : 'outdated' });
    }
    steps.push({ kind: 'create', phase, module: name, desired: module });
    if (module.status === 'running') steps.push({ kind: 'start', phase, module: name, container: containerName(input.deviceId, name) });
    return steps;
  }
  return [...steps, ...planExisting(module, kept, phase, input)];
}

function planExisting(module: DesiredModule, container: ObservedContainer, phase: number, input: PlanInput): Step[] {
  const name = module.name;
  const active = container.state === 'running' || container.state === 'restarting' || container.state === 'paused';
  if (module.status === 'stopped') {
    return active ? [{ kind: 'stop', phase, module: name, container: container.id }] : [];
  }
  // Never started (a crash between create and start, or a desired status just turned running).
  if (container.state === 'created') return [{ kind: 'start', phase, module: name, container: container.id }];
  const unwatched = container.state === 'exited' && container.finishedAt !== null && input.watchingSince !== undefined && container.finishedAt < input.watchingSince;
  // Only where the policy alone would leave it stopped (a clean exit): a failure keeps its back-off and
  // its give-up, whoever was watching.
  if (unwatched && module.restartPolicy !== 'never' && !policyWantsRestart(module.restartPolicy, container)) {
    return [{ kind: 'start', phase, module: name, container: container.id }];
  }
  const record = input.restarts[name];
  const decision = decideRestart(module.restartPolicy, container, record, input.now, input.backoff);
  const reset: Step[] = record !== undefined && record.count > 0 && effectiveRestartCount(record, container, input.now, input.backoff) === 0
    ? [{ kind: 'reset-restarts', phase, module: name }]
    : [];
  switch (decision.kind) {
    case 'none': return reset;
    case 'give-up': return reset;
    case 'restart-now': return [...reset, { kind: 'restart', phase, module: name, container: container.id, attempt: decision.attempt }];
    case 'wait': return [...reset, { kind: 'wait', phase, module: name, until: decision.until, reason: `back-off before restart ${decision.attempt}` }];
  }
}
