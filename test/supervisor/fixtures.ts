/** Small builders for planner and status tests: a desired module and an observed container. */
import { moduleConfigHash } from '../../src/core/deployment/container-spec.js';
import { DEFAULT_STARTUP_ORDER, type DesiredModule } from '../../src/core/deployment/desired-module.js';
import type { BackoffSettings, ObservedContainer } from '../../src/supervisor/observed.js';

export const T0 = Date.parse('2026-01-01T00:00:00Z');
export const BACKOFF: BackoffSettings = { unitMs: 10_000, maxMs: 300_000, maxRestarts: 20, healthyResetMs: 600_000 };

export function desired(name: string, overrides: Partial<DesiredModule> = {}): DesiredModule {
  return {
    name,
    image: 'example/app:1',
    version: '1.0',
    status: 'running',
    restartPolicy: 'always',
    imagePullPolicy: 'on-create',
    startupOrder: DEFAULT_STARTUP_ORDER,
    env: {},
    createOptions: {},
    ...overrides,
  };
}

export function container(module: DesiredModule, overrides: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    id: `id-${module.name}`,
    name: `dev.${module.name}`,
    module: module.name,
    configHash: moduleConfigHash(module),
    state: 'running',
    exitCode: 0,
    createdAt: T0 - 60_000,
    startedAt: T0 - 60_000,
    finishedAt: null,
    health: 'none',
    image: module.image,
    imageId: 'sha256:abc',
    ...overrides,
  };
}
