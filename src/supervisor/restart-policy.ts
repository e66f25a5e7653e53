/**
 * edgeAgent's restart rules (RestartPolicyManager.cs), as pure functions of what was observed.
 * Unlike edgeAgent, `on-unhealthy` really fires: Docker's HEALTHCHECK is the source of "unhealthy".
 */
import type { RestartPolicy } from '../core/deployment/desired-module.js';
import type { BackoffSettings, ObservedContainer, RestartRecord } from './observed.js';

/** Whether a policy wants a container in this condition restarted at all (back-off aside). */
export function policyWantsRestart(policy: RestartPolicy, container: ObservedContainer): boolean {
  if (policy === 'never') return false;
  const unhealthy = container.state === 'running' && container.health === 'unhealthy';
  if (container.state === 'running' || container.state === 'restarting' || container.state === 'paused') {
    return unhealthy && (policy === 'on-unhealthy' || policy === 'always');
  }
  if (container.state !== 'exited' && container.state !== 'dead') return false;
  if (policy === 'always') return true;
  return container.exitCode !== 0;
}

/** coolOff = min(unit × 2^n, max), n = restarts so far. */
export function coolOffMs(restarts: number, settings: BackoffSettings): number {
  return Math.min(settings.unitMs * 2 ** restarts, settings.maxMs);
}

/**
 * The restart count that applies now: a container that had stayed up for the "intensive care" period
 * before it stopped has earned a fresh start, as edgeAgent clears its ModuleState after 10 minutes.
 */
export function effectiveRestartCount(record: RestartRecord | undefined, container: ObservedContainer, now: number, settings: BackoffSettings): number {
  if (record === undefined || record.count === 0) return 0;
  const started = container.startedAt;
  if (started === null) return record.count;
  const upUntil = container.state === 'running' ? now : (container.finishedAt ?? now);
  return upUntil - started >= settings.healthyResetMs ? 0 : record.count;
}

export type RestartDecision =
  | { kind: 'none' }
  | { kind: 'give-up'; restarts: number }
  | { kind: 'restart-now'; attempt: number }
  | { kind: 'wait'; until: number; attempt: number };

export function decideRestart(policy: RestartPolicy, container: ObservedContainer, record: RestartRecord | undefined, now: number, settings: BackoffSettings): RestartDecision {
  if (!policyWantsRestart(policy, container)) return { kind: 'none' };
  const count = effectiveRestartCount(record, container, now, settings);
  if (count >= settings.maxRestarts) return { kind: 'give-up', restarts: count };
  // The clock starts when it went down: its exit, or for a running-but-unhealthy one, its last (re)start.
  const downSince = container.state === 'running'
    ? Math.max(container.startedAt ?? 0, count === 0 ? 0 : record?.lastRestartAt ?? 0)
    : Math.max(container.finishedAt ?? 0, count === 0 ? 0 : record?.lastRestartAt ?? 0);
  const until = downSince + coolOffMs(count, settings);
  return now >= until ? { kind: 'restart-now', attempt: count + 1 } : { kind: 'wait', until, attempt: count + 1 };
}
