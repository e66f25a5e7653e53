/** The planner, table-driven: desired + observed (+ restart memory, clock) → steps. No Docker. */
import t from 'tap';
import { planReconcile, type PlanInput } from '../../src/supervisor/planner.js';
import type { Step } from '../../src/supervisor/plan-steps.js';
import { BACKOFF, T0, container, desired } from './fixtures.js';

const base = (overrides: Partial<PlanInput>): PlanInput => ({
  deviceId: 'dev', desired: [], containers: [], restarts: {}, failures: {}, now: T0, backoff: BACKOFF, ...overrides,
});
/** Steps as short strings: "phase:kind:module[:extra]", easy to compare in a table. */
const brief = (steps: Step[]): string[] => steps.map((s) => {
  const extra = s.kind === 'remove' ? `:${s.reason}` : s.kind === 'restart' ? `:${s.attempt}` : s.kind === 'wait' ? `:+${s.until - T0}` : '';
  return `${s.phase}:${s.kind}:${s.module}${extra}`;
});

const a = desired('a');
const aStopped = desired('a', { status: 'stopped' });
const aNewEnv = desired('a', { env: { X: '2' } });
const aNewImage = desired('a', { image: 'example/app:2' });
const aNewVersion = desired('a', { version: '1.1' });
const aNewOptions = desired('a', { createOptions: { HostConfig: { Memory: 1 } } });
const aNewPolicy = desired('a', { restartPolicy: 'never' });
const exited = (module: typeof a, exitCode: number, finishedAgoMs = 60_000) =>
  container(module, { state: 'exited', exitCode, startedAt: T0 - finishedAgoMs - 1000, finishedAt: T0 - finishedAgoMs });

const cases: { name: string; input: Partial<PlanInput>; steps: string[] }[] = [
  { name: 'nothing desired, nothing running', input: {}, steps: [] },
  { name: 'a new module is pulled, created, started', input: { desired: [a] }, steps: ['0:ensure-image:a', '2:create:a', '2:start:a'] },
  { name: 'a new stopped module is created, not started', input: { desired: [aStopped] }, steps: ['0:ensure-image:a', '2:create:a'] },
  { name: 'a running module that matches needs nothing', input: { desired: [a], containers: [container(a)] }, steps: [] },
  { name: 'env change recreates', input: { desired: [aNewEnv], containers: [container(a)] }, steps: ['0:ensure-image:a', '2:remove:a:outdated', '2:create:a', '2:start:a'] },
  { name: 'image change recreates', input: { desired: [aNewImage], containers: [container(a)] }, steps: ['0:ensure-image:a', '2:remove:a:outdated', '2:create:a', '2:start:a'] },
  { name: 'version change recreates', input: { desired: [aNewVersion], containers: [container(a)] }, steps: ['0:ensure-image:a', '2:remove:a:outdated', '2:create:a', '2:start:a'] },
  { name: 'createOptions change recreates', input: { desired: [aNewOptions], containers: [container(a)] }, steps: ['0:ensure-image:a', '2:remove:a:outdated', '2:create:a', '2:start:a'] },
  { name: 'restart policy change does not recreate', input: { desired: [aNewPolicy], containers: [container(a)] }, steps: [] },
  { name: 'a module no longer desired is removed', input: { desired: [], containers: [container(a)] }, steps: ['1:remove:a:not-desired'] },
  { name: 'desired stopped, running → stop', input: { desired: [aStopped], containers: [container(aStopped)] }, steps: ['2:stop:a'] },
  { name: 'desired stopped, exited → nothing', input: { desired: [aStopped], containers: [exited(aStopped, 0)] }, steps: [] },
  { name: 'created but never started → start without back-off', input: { desired: [a], containers: [container(a, { state: 'created', startedAt: null })] }, steps: ['2:start:a'] },
  { name: 'dead container is replaced', input: { desired: [a], containers: [container(a, { state: 'dead' })] }, steps: ['0:ensure-image:a', '2:remove:a:dead', '2:create:a', '2:start:a'] },
  {
    name: 'duplicate containers: the matching one is kept',
    input: { desired: [a], containers: [container(a), container(aNewEnv, { id: 'old', createdAt: T0 - 1 })] },
    steps: ['1:remove:a:duplicate'],
  },
  { name: 'a permanent failure stops planning for the module', input: { desired: [a], failures: { a: { reason: 'x', at: T0, attempts: 1, permanent: true } } }, steps: [] },
  { name: 'a recent failure waits (10 s for the first retry)', input: { desired: [a], failures: { a: { reason: 'x', at: T0, attempts: 1, permanent: false } } }, steps: ['2:wait:a:+10000'] },
  { name: 'an old failure is retried', input: { desired: [a], failures: { a: { reason: 'x', at: T0 - 11_000, attempts: 1, permanent: false } } }, steps: ['0:ensure-image:a', '2:create:a', '2:start:a'] },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    t.same(brief(planReconcile(base(c.input))), c.steps);
  });
}

t.test('startupOrder: groups run in ascending order, equal orders share a phase, pulls come first', async (t) => {
  const first = desired('zeta', { startupOrder: 0 });
  const second = desired('alpha', { startupOrder: 5 });
  const alsoSecond = desired('beta', { startupOrder: 5 });
  const last = desired('last');
  const steps = brief(planReconcile(base({ desired: [last, alsoSecond, second, first] })));
  t.same(steps, [
    '0:ensure-image:zeta', '2:create:zeta', '2:start:zeta',
    '0:ensure-image:alpha', '3:create:alpha', '3:start:alpha',
    '0:ensure-image:beta', '3:create:beta', '3:start:beta',
    '0:ensure-image:last', '4:create:last', '4:start:last',
  ]);
});

t.test('removals of modules no longer desired run before any group', async (t) => {
  const gone = desired('gone');
  const steps = planReconcile(base({ desired: [desired('b', { startupOrder: 0 })], containers: [container(gone)] }));
  const removePhase = steps.find((s) => s.kind === 'remove')?.phase ?? -1;
  const createPhase = steps.find((s) => s.kind === 'create')?.phase ?? -1;
  t.ok(removePhase < createPhase && removePhase > 0);
});

t.test('the started container is addressed by the deterministic name', async (t) => {
  const steps = planReconcile(base({ deviceId: 'my dev', desired: [a] }));
  const start = steps.find((s) => s.kind === 'start');
  t.equal(start?.kind === 'start' ? start.container : '', 'my_dev.a');
});
