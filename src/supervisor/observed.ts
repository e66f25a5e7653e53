/**
 * What the supervisor sees of Docker (the containers it owns, as the docker adapter reports them) and
 * what it remembers itself: restarts made by policy, and failures of its own steps.
 */
export type { ContainerState, HealthState, ObservedContainer } from '../adapters/docker-containers.js';

/** Restarts the supervisor made by policy, as edgeAgent's ModuleState keeps them. */
export interface RestartRecord {
  count: number;
  lastRestartAt: number;
}

/** A step that failed for a module (pull, create, signature…), retried with back-off unless permanent. */
export interface ModuleFailure {
  reason: string;
  at: number;
  attempts: number;
  permanent: boolean;
}

/** edgeAgent's restart constants (10 s × 2^n capped at 300 s, reset after 10 min, give up after 20). */
export interface BackoffSettings {
  unitMs: number;
  maxMs: number;
  maxRestarts: number;
  healthyResetMs: number;
}

export const EDGE_AGENT_BACKOFF: BackoffSettings = {
  unitMs: 10_000,
  maxMs: 300_000,
  maxRestarts: 20,
  healthyResetMs: 600_000,
};
