/**
 * Status as people and the CLI read it: per module a runtime status, the figures edgeAgent reports and
 * a one-line description; per deployment whether it converged and, if not, why. Pure: the reconciler
 * hands in its last observation and the clock.
 */
import { moduleConfigHash } from '../core/deployment/container-spec.js';
import type { DesiredModule } from '../core/deployment/desired-module.js';
import { humanDuration } from '../core/human-duration.js';
import type { DeploymentState, ModuleStatus, RuntimeStatus } from '../protocol/supervisor-api.js';
import type { BackoffSettings, ModuleFailure, ObservedContainer, RestartRecord } from './observed.js';
import { decideRestart } from './restart-policy.js';

export interface ModuleFacts {
  desired: DesiredModule;
  container: ObservedContainer | undefined;
  restart: RestartRecord | undefined;
  failure: ModuleFailure | undefined;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function moduleStatus(facts: ModuleFacts, now: number, backoff: BackoffSettings): ModuleStatus {
  const { desired, container, restart } = facts;
  const base = {
    name: desired.name,
    desiredStatus: desired.status,
    restartPolicy: desired.restartPolicy,
    exitCode: container !== undefined && container.state === 'exited' ? container.exitCode : null,
    restartCount: restart?.count ?? 0,
    lastStartTime: iso(container?.startedAt ?? null),
    lastExitTime: iso(container?.finishedAt ?? null),
    image: desired.image,
    imageId: container?.imageId ?? null,
    imageDigest: container?.imageDigest ?? null,
    containerId: container?.id ?? null,
  };
  const view = describe(facts, now, backoff);
  return { ...base, runtimeStatus: view.status, description: view.description, ...(view.reason === undefined ? {} : { reason: view.reason }) };
}

function describe(facts: ModuleFacts, now: number, backoff: BackoffSettings): { status: RuntimeStatus; description: string; reason?: string } {
  const { desired, container, restart, failure } = facts;
  const configChanged = container !== undefined && container.configHash !== moduleConfigHash(desired);
  if (failure !== undefined && (container === undefined || configChanged || failure.permanent)) {
    return failure.permanent
      ? { status: 'failed', description: 'Failed', reason: failure.reason }
      : { status: 'backoff', description: `Retrying (attempt ${failure.attempts + 1})`, reason: failure.reason };
  }
  if (container === undefined) return { status: 'unknown', description: 'Not created yet', reason: 'waiting to be created' };
  const outdated = configChanged ? 'being updated to the new configuration' : undefined;
  const withReason = (view: { status: RuntimeStatus; description: string; reason?: string }): typeof view =>
    outdated !== undefined && view.reason === undefined ? { ...view, reason: outdated } : view;
  const since = (at: number | null): string => `${humanDuration(now - (at ?? now))} ago`;
  if (container.state === 'running' || container.state === 'restarting' || container.state === 'paused') {
    const up = `Up ${humanDuration(now - (container.startedAt ?? now))}`;
    if (container.health === 'unhealthy') {
      return withReason({ status: 'unhealthy', description: `${up} (unhealthy)`, reason: 'the container HEALTHCHECK reports unhealthy' });
    }
    if (desired.status === 'stopped') return withReason({ status: 'running', description: up, reason: 'to be stopped' });
    return withReason({ status: 'running', description: container.health === 'starting' ? `${up} (health: starting)` : up });
  }
  if (container.state === 'created') {
    return withReason(desired.status === 'running'
      ? { status: 'stopped', description: 'Created', reason: 'waiting to be started' }
      : { status: 'stopped', description: 'Created' });
  }
  const code = container.exitCode;
  const exited = code === 0 ? `Stopped ${since(container.finishedAt)}` : `Failed (${code}) ${since(container.finishedAt)}`;
  if (desired.status === 'stopped') return withReason({ status: 'stopped', description: exited });
  const decision = decideRestart(desired.restartPolicy, container, restart, now, backoff);
  switch (decision.kind) {
    case 'give-up':
      // The last allowed restart is counted before it is made: until the container has run and
      // exited once more, it is restarting, not given up.
      if (restart !== undefined && (container.finishedAt ?? 0) < restart.lastRestartAt) {
        return withReason({ status: 'backoff', description: exited, reason: `exited with code ${code}; restarting (attempt ${restart.count})` });
      }
      return withReason({ status: 'failed', description: exited, reason: `exited with code ${code}; gave up after ${decision.restarts} restarts` });
    case 'wait':
      return withReason({ status: 'backoff', description: `Back-off: restart in ${humanDuration(decision.until - now).toLowerCase()}`, reason: `exited with code ${code}; restart ${decision.attempt} is backing off` });
    case 'restart-now':
      return withReason({ status: 'backoff', description: exited, reason: `exited with code ${code}; restarting` });
    case 'none':
      return withReason(code === 0 || container.state !== 'exited'
        ? { status: 'stopped', description: exited }
        : { status: 'failed', description: exited, reason: `exited with code ${code} (restartPolicy ${desired.restartPolicy})` });
  }
}

/** Whether a module is where its deployment wants it; a finished run-to-completion module counts. */
export function isSettled(status: ModuleStatus): boolean {
  if (status.reason !== undefined) return false;
  return status.desiredStatus === 'running' ? status.runtimeStatus === 'running' || status.runtimeStatus === 'stopped' : status.runtimeStatus === 'stopped';
}

export function deploymentState(modules: readonly ModuleStatus[]): { state: DeploymentState; failing: { module: string; reason: string }[] } {
  const failing = modules.filter((m) => !isSettled(m)).map((m) => ({ module: m.name, reason: m.reason ?? m.description }));
  if (failing.length === 0) return { state: 'converged', failing };
  const failed = modules.some((m) => m.runtimeStatus === 'failed');
  return { state: failed ? 'failed' : 'applying', failing };
}
