/**
 * The vocabulary of the reconciler: each step one Docker action (or a wait), tagged with the phase it
 * runs in. Phases run in order; within a phase modules run in parallel and one module's steps in order.
 */
import type { DesiredModule } from '../core/deployment/desired-module.js';

export type RemoveReason = 'not-desired' | 'outdated' | 'duplicate' | 'dead';

export type Step =
  | { kind: 'ensure-image'; phase: number; module: string; image: string; pullPolicy: DesiredModule['imagePullPolicy'] }
  | { kind: 'remove'; phase: number; module: string; container: string; reason: RemoveReason }
  | { kind: 'create'; phase: number; module: string; desired: DesiredModule }
  | { kind: 'start'; phase: number; module: string; container: string }
  | { kind: 'stop'; phase: number; module: string; container: string }
  | { kind: 'restart'; phase: number; module: string; container: string; attempt: number }
  | { kind: 'reset-restarts'; phase: number; module: string }
  | { kind: 'wait'; phase: number; module: string; until: number; reason: string };

export type StepKind = Step['kind'];

/** Steps that do something now; `wait` only tells the reconciler when to look again. */
export function isActionable(step: Step): boolean {
  return step.kind !== 'wait';
}

/** Phase numbers: pulls first (edgeAgent's "upfront pull"), then removals, then startupOrder groups. */
export const PHASE_PULL = 0;
export const PHASE_REMOVE = 1;
export const PHASE_FIRST_GROUP = 2;

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'ensure-image': return `make sure image ${step.image} is present${step.pullPolicy === 'never' ? ' (never pulled)' : ' (pull if missing)'}`;
    case 'remove': return `remove container ${step.container} (${step.reason === 'not-desired' ? 'module no longer in the deployment' : step.reason === 'outdated' ? 'its image, env, createOptions or version changed' : step.reason === 'duplicate' ? 'a second container for the module' : 'container is dead'})`;
    case 'create': return `create container from ${step.desired.image}`;
    case 'start': return 'start';
    case 'stop': return 'stop (desired status is stopped)';
    case 'restart': return `restart by policy (attempt ${step.attempt})`;
    case 'reset-restarts': return 'reset the restart counter (healthy long enough)';
    case 'wait': return step.reason;
  }
}
