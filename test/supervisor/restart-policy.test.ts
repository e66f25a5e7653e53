/** Every restart-policy case and the edgeAgent back-off, through the planner with an injected clock. */
import t from 'tap';
import type { RestartPolicy } from '../../src/core/deployment/desired-module.js';
import { planReconcile } from '../../src/supervisor/planner.js';
import { coolOffMs, decideRestart } from '../../src/supervisor/restart-policy.js';
import type { ObservedContainer, RestartRecord } from '../../src/supervisor/observed.js';
import { BACKOFF, T0, container, desired } from './fixtures.js';

type Condition = 'exit0' | 'exit1' | 'unhealthy' | 'running';
const observed = (policy: RestartPolicy, condition: Condition): ObservedContainer => {
  const module = desired('m', { restartPolicy: policy });
  switch (condition) {
    case 'exit0': return container(module, { state: 'exited', exitCode: 0, finishedAt: T0 - 60_000 });
    case 'exit1': return container(module, { state: 'exited', exitCode: 1, finishedAt: T0 - 60_000 });
    case 'unhealthy': return container(module, { health: 'unhealthy', startedAt: T0 - 60_000 });
    case 'running': return container(module, { health: 'healthy' });
  }
};

// policy × condition → is a restart planned (counter 0, cool-off long passed)?
const table: [RestartPolicy, Condition, boolean][] = [
  ['never', 'exit0', false], ['never', 'exit1', false], ['never', 'unhealthy', false], ['never', 'running', false],
  ['on-failure', 'exit0', false], ['on-failure', 'exit1', true], ['on-failure', 'unhealthy', false], ['on-failure', 'running', false],
  ['on-unhealthy', 'exit0', false], ['on-unhealthy', 'exit1', true], ['on-unhealthy', 'unhealthy', true], ['on-unhealthy', 'running', false],
  ['always', 'exit0', true], ['always', 'exit1', true], ['always', 'unhealthy', true], ['always', 'running', false],
];

for (const [policy, condition, restarts] of table) {
  t.test(`${policy} + ${condition} → ${restarts ? 'restart' : 'leave alone'}`, async (t) => {
    const module = desired('m', { restartPolicy: policy });
    const steps = planReconcile({ deviceId: 'd', desired: [module], containers: [observed(policy, condition)], restarts: {}, failures: {}, now: T0, backoff: BACKOFF });
    t.equal(steps.some((s) => s.kind === 'restart'), restarts);
  });
}

t.test('cool-off is unit × 2^n, capped', async (t) => {
  t.same([0, 1, 2, 3, 4, 5, 6, 10].map((n) => coolOffMs(n, BACKOFF) / 1000), [10, 20, 40, 80, 160, 300, 300, 300]);
});

t.test('back-off: waits until the last exit + cool-off, then restarts', async (t) => {
  const c = container(desired('m'), { state: 'exited', exitCode: 1, startedAt: T0 - 2000, finishedAt: T0 - 1000 });
  const record: RestartRecord = { count: 2, lastRestartAt: T0 - 2000 };
  t.same(decideRestart('always', c, record, T0, BACKOFF), { kind: 'wait', until: T0 - 1000 + 40_000, attempt: 3 });
  t.same(decideRestart('always', c, record, T0 + 39_000, BACKOFF), { kind: 'restart-now', attempt: 3 });
});

t.test('gives up after maxRestarts: the module is left failed', async (t) => {
  const c = container(desired('m'), { state: 'exited', exitCode: 1, startedAt: T0 - 2000, finishedAt: T0 - 1000 });
  t.same(decideRestart('always', c, { count: 20, lastRestartAt: T0 - 2000 }, T0 + 3_600_000, BACKOFF), { kind: 'give-up', restarts: 20 });
  t.same(decideRestart('always', c, { count: 19, lastRestartAt: T0 - 2000 }, T0 + 3_600_000, BACKOFF), { kind: 'restart-now', attempt: 20 });
});

t.test('the counter is forgiven after running healthy for the reset period', async (t) => {
  const module = desired('m');
  const ranLong = container(module, { state: 'exited', exitCode: 1, startedAt: T0 - 700_000, finishedAt: T0 - 1000 });
  t.same(decideRestart('always', ranLong, { count: 20, lastRestartAt: T0 - 700_000 }, T0, BACKOFF), { kind: 'wait', until: T0 - 1000 + 10_000, attempt: 1 });
  const stillUp = container(module, { startedAt: T0 - 700_000 });
  const steps = planReconcile({ deviceId: 'd', desired: [module], containers: [stillUp], restarts: { m: { count: 5, lastRestartAt: T0 - 700_000 } }, failures: {}, now: T0, backoff: BACKOFF });
  t.same(steps.map((s) => s.kind), ['reset-restarts']);
});

t.test('a module in back-off gets a wait step the reconciler can sleep on', async (t) => {
  const module = desired('m');
  const c = container(module, { state: 'exited', exitCode: 2, startedAt: T0 - 500, finishedAt: T0 - 100 });
  const steps = planReconcile({ deviceId: 'd', desired: [module], containers: [c], restarts: { m: { count: 1, lastRestartAt: T0 - 600 } }, failures: {}, now: T0, backoff: BACKOFF });
  t.same(steps.map((s) => s.kind), ['wait']);
  t.equal(steps[0]?.kind === 'wait' ? steps[0].until : 0, T0 - 100 + 20_000);
});
