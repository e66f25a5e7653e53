/** The polling loop of `status --watch`, with a scripted device: what it shows, when it says "changed". */
import t from 'tap';
import { parseInterval, statusFingerprint, watchStatus, type WatchUpdate } from '../../src/cli/commands/status-watch.js';
import type { ModuleStatus, StatusResponse } from '../../src/protocol/supervisor-api.js';

function moduleStatus(overrides: Partial<ModuleStatus> = {}): ModuleStatus {
  return {
    name: 'web', desiredStatus: 'running', runtimeStatus: 'running', restartPolicy: 'always', exitCode: null, restartCount: 0,
    lastStartTime: '2026-11-28T10:00:00Z', lastExitTime: null, image: 'web:1', imageId: null, imageDigest: null, containerId: 'c1',
    description: 'Up 3 minutes', ...overrides,
  };
}

function status(modules: ModuleStatus[], observedAt = '2026-11-28T10:03:00Z'): StatusResponse {
  return { deviceId: 'd', deployment: { id: 'dep1', state: 'converged', appliedAt: '2026-11-28T10:00:00Z', failing: [] }, previousDeploymentId: null, modules, systemModules: [], warnings: [], observedAt } as StatusResponse;
}

/** A device answering from a script; the watch is aborted once the script is used up. */
async function watch(script: Array<StatusResponse | Error>): Promise<{ updates: WatchUpdate[]; polls: number }> {
  const updates: WatchUpdate[] = [];
  const stop = new AbortController();
  let i = 0;
  const polls = await watchStatus({
    intervalMs: 1,
    signal: stop.signal,
    show: (update) => updates.push(update),
    fetchStatus: async () => {
      const next = script[i++];
      if (i >= script.length) stop.abort();
      if (next instanceof Error) throw next;
      return next as StatusResponse;
    },
  });
  return { updates, polls };
}

t.test('a change is a change of state, not of the clock or of "Up N minutes"', async (t) => {
  const first = status([moduleStatus()]);
  t.equal(statusFingerprint(first), statusFingerprint(status([moduleStatus({ description: 'Up 4 minutes' })], '2026-11-28T10:04:00Z')));
  t.not(statusFingerprint(first), statusFingerprint(status([moduleStatus({ runtimeStatus: 'backoff' })])));
  t.not(statusFingerprint(first), statusFingerprint(status([moduleStatus({ restartCount: 1 })])));
});

t.test('each poll is shown; only real changes are marked changed', async (t) => {
  const same = status([moduleStatus()]);
  const aged = status([moduleStatus({ description: 'Up 9 minutes' })], '2026-11-28T10:09:00Z');
  const failed = status([moduleStatus({ runtimeStatus: 'failed', exitCode: 137 })]);
  const { updates, polls } = await watch([same, aged, failed, failed]);
  t.equal(polls, 4);
  t.same(updates.map((u) => [u.kind, u.changed]), [['status', true], ['status', false], ['status', true], ['status', false]]);
});

t.test('a device that stops answering is shown once per error, then its return is a change', async (t) => {
  const ok = status([moduleStatus()]);
  const { updates } = await watch([ok, new Error('connection refused'), new Error('connection refused'), new Error('timed out'), ok]);
  t.same(updates.map((u) => [u.kind, u.changed]), [['status', true], ['unreachable', true], ['unreachable', false], ['unreachable', true], ['status', true]]);
});

t.test('an error on the first poll is the command\'s error', async (t) => {
  await t.rejects(watch([new Error('no such device')]), /no such device/);
});

t.test('--interval', async (t) => {
  t.equal(parseInterval(undefined), 2000);
  t.equal(parseInterval('0.5'), 500);
  t.equal(parseInterval('60'), 60_000);
  for (const bad of ['0', '0.1', '-1', 'abc', '1e3', '3601', '']) t.equal(parseInterval(bad), undefined, bad);
});
