/**
 * The supervisor against the real Docker Engine, one device through a whole life: deploy, a killed
 * container restarted, a crash loop backing off while others run, an env change recreating, a
 * module removed, a rollback, an invalid deployment refused, logs, restart and dial-stdio.
 */
import t from 'tap';
import { statSync } from 'node:fs';
import { SupervisorClient } from '../../src/adapters/supervisor-client.js';
import { spawnStdioDuplex } from '../harness/stdio-duplex.js';
import { isEdgeError } from '../../src/core/errors.js';
import { SUPERVISOR_BIN } from '../harness/cli.js';
import { runOrThrow } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { FAST_BACKOFF, TestSupervisor, deviceContainers, ensureModuleImage, manifest, uniqueDeviceId } from './supervisor-process.js';

const ready = await requireService(t, 'Docker Engine', async () => { await ensureModuleImage(); return true; });
if (ready !== undefined) {
  const sv = new TestSupervisor(uniqueDeviceId('life'), [...FAST_BACKOFF, '--max-restarts', '3']);
  t.teardown(() => sv.destroy());
  await sv.start();
  const c = sv.client;
  const idOf = (module: string) => deviceContainers(sv.deviceId).find((row) => row.module === module)?.id;

  const v1 = manifest({ alpha: { env: { GREETING: 'one' } }, beta: {}, gamma: { startupOrder: 0 } });
  let firstId = '';

  await t.test('the API socket is owner-only', async (t) => {
    t.equal(statSync(sv.socket).mode & 0o777, 0o600);
    t.equal(statSync(sv.stateDir).mode & 0o077, 0);
  });

  await t.test('deploy: converges with exactly one labelled container per module', async (t) => {
    const applied = await c.apply(v1);
    firstId = applied.deploymentId;
    t.equal(applied.changed, true);
    t.ok(applied.plan.some((s) => s.kind === 'create' && s.module === 'gamma'));
    const status = await sv.waitConverged(applied.deploymentId);
    t.same(status.modules.map((m) => m.runtimeStatus), ['running', 'running', 'running']);
    t.match(status.modules[0]?.description ?? '', /^Up /);
    t.same(deviceContainers(sv.deviceId).map((r) => r.module).sort(), ['alpha', 'beta', 'gamma']);
    const again = await c.apply(v1);
    t.same([again.deploymentId, again.changed], [applied.deploymentId, false], 'applying the same content again is a no-op');
  });

  await t.test('a killed container is restarted by policy', async (t) => {
    const before = idOf('beta');
    runOrThrow('docker', ['kill', `${sv.deviceId}.beta`]);
    const status = await sv.waitFor('beta restarted', (s) => s.modules.some((m) => m.name === 'beta' && m.runtimeStatus === 'running' && m.restartCount === 1));
    t.equal(status.modules.find((m) => m.name === 'beta')?.containerId, before, 'same container, started again');
  });

  await t.test('a crash-looping module backs off and is given up on while the others keep running', async (t) => {
    const others = ['alpha', 'beta', 'gamma'].map(idOf);
    const applied = await c.apply(manifest({ alpha: { env: { GREETING: 'one' } }, beta: {}, gamma: { startupOrder: 0 }, crasher: { env: { MODE: 'crash' } } }));
    const backoff = await sv.waitFor('crasher in back-off', (s) => s.modules.some((m) => m.name === 'crasher' && m.runtimeStatus === 'backoff' && m.restartCount >= 1));
    t.match(backoff.deployment?.failing.find((f) => f.module === 'crasher')?.reason ?? '', /exited with code 3/);
    const failed = await sv.waitFor('crasher given up', (s) => s.modules.some((m) => m.name === 'crasher' && m.runtimeStatus === 'failed'));
    t.equal(failed.deployment?.state, 'failed');
    t.equal(failed.modules.find((m) => m.name === 'crasher')?.restartCount, 3);
    t.match(failed.modules.find((m) => m.name === 'crasher')?.description ?? '', /^Failed \(3\)/);
    t.same(['alpha', 'beta', 'gamma'].map(idOf), others, 'the other modules were not touched');
    t.ok(failed.modules.filter((m) => m.name !== 'crasher').every((m) => m.runtimeStatus === 'running'));
    t.equal(failed.deployment?.id, applied.deploymentId);
  });

  await t.test('restart counts survive a supervisor crash: a given-up module stays given up', async (t) => {
    await sv.kill9();
    await sv.start();
    const given = await sv.waitFor('crasher given up again', (s) => s.modules.some((m) => m.name === 'crasher' && m.runtimeStatus === 'failed'));
    const before = given.modules.find((m) => m.name === 'crasher');
    t.equal(before?.restartCount, 3, 'the count was not reset by the restart');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = (await c.status()).modules.find((m) => m.name === 'crasher');
    t.same([after?.runtimeStatus, after?.lastStartTime], ['failed', before?.lastStartTime], 'and it is not started again');
  });

  await t.test('an env change recreates only that module', async (t) => {
    const [alphaBefore, betaBefore] = [idOf('alpha'), idOf('beta')];
    const applied = await c.apply(manifest({ alpha: { env: { GREETING: 'two' } }, beta: {}, gamma: { startupOrder: 0 } }));
    await sv.waitConverged(applied.deploymentId);
    t.not(idOf('alpha'), alphaBefore, 'alpha is a new container');
    t.equal(idOf('beta'), betaBefore, 'beta is untouched');
    t.equal(idOf('crasher'), undefined, 'the removed module has no container');
    const env = runOrThrow('docker', ['inspect', '--format', '{{json .Config.Env}}', `${sv.deviceId}.alpha`]);
    t.match(env, /GREETING=two/);
  });

  await t.test('logs: demultiplexed stdout and stderr, tail, timestamps', async (t) => {
    // Docker's log file lags the process a little: read until both streams have shown up.
    let lines: string[] = [];
    for (let attempt = 0; attempt < 50 && !lines.includes('to stderr from alpha'); attempt++) {
      lines = [];
      for await (const line of c.logs('alpha', {})) lines.push(line);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    t.ok(lines.includes(`hello from alpha mode=run greeting=two`), 'stdout line');
    t.ok(lines.includes('to stderr from alpha'), 'stderr line');
    t.notOk(lines.some((l) => [...l].some((ch) => ch.charCodeAt(0) < 9)), 'no frame headers leak into the text');
    const stamped: string[] = [];
    for await (const line of c.logs('alpha', { tail: 1, timestamps: true })) stamped.push(line);
    t.equal(stamped.length, 1);
    t.match(stamped[0] ?? '', /^\d{4}-\d\d-\d\dT/);
    const since: string[] = [];
    for await (const line of c.logs('alpha', { since: '1h' })) since.push(line);
    t.ok(since.includes('to stderr from alpha'), 'since 1h ago includes the start');
    const until: string[] = [];
    for await (const line of c.logs('alpha', { until: '2001-01-01T00:00:00Z' })) until.push(line);
    t.same(until, [], 'nothing before 2001');
    const followed: string[] = [];
    for await (const line of c.logs('alpha', { follow: true, tail: 0 })) {
      followed.push(line);
      if (followed.length === 2) break; // leaving the loop must end the stream, not hang
    }
    t.same(followed, ['tick', 'tick'], 'follow streams new lines as they are written');
    const bad = await (async () => { for await (const line of c.logs('alpha', { since: 'yesterday' })) void line; })().catch((e: unknown) => e);
    t.ok(isEdgeError(bad) && bad.code === 'BAD_TIME');
  });

  await t.test('removing a module removes its container', async (t) => {
    const applied = await c.apply(manifest({ alpha: { env: { GREETING: 'two' } }, gamma: { startupOrder: 0 } }));
    await sv.waitConverged(applied.deploymentId);
    t.same(deviceContainers(sv.deviceId).map((r) => r.module).sort(), ['alpha', 'gamma']);
  });

  await t.test('rollback returns to the previous deployment', async (t) => {
    const back = await c.rollback();
    await sv.waitConverged(back.deploymentId);
    t.same(deviceContainers(sv.deviceId).map((r) => r.module).sort(), ['alpha', 'beta', 'gamma']);
    t.not(back.deploymentId, firstId, 'previous is the env-change deployment, not the first');
  });

  await t.test('an invalid deployment is refused with diagnostics and the previous keeps running', async (t) => {
    const before = await c.status();
    const ids = deviceContainers(sv.deviceId).map((r) => r.id).sort();
    const bad = JSON.parse(manifest({ alpha: {} })) as { modulesContent: { $edgeAgent: { 'properties.desired': { modules: { alpha: { restartPolicy: string } } } } } };
    bad.modulesContent.$edgeAgent['properties.desired'].modules.alpha.restartPolicy = 'sometimes';
    const error = await c.apply(JSON.stringify(bad)).catch((e: unknown) => e);
    t.ok(isEdgeError(error) && error.code === 'MANIFEST_INVALID' && error.exitCode === 2);
    t.match(JSON.stringify(isEdgeError(error) ? error.details : {}), /restartPolicy/);
    const after = await c.status();
    t.equal(after.deployment?.id, before.deployment?.id);
    t.same(deviceContainers(sv.deviceId).map((r) => r.id).sort(), ids, 'no container changed');
  });

  await t.test('restart: the operator restart gives a fresh container start', async (t) => {
    const before = (await c.status()).modules.find((m) => m.name === 'gamma')?.lastStartTime;
    const answer = await c.restart('gamma');
    t.equal(answer.module, 'gamma');
    const status = await sv.waitFor('gamma restarted', (s) => s.modules.some((m) => m.name === 'gamma' && m.runtimeStatus === 'running' && m.lastStartTime !== before));
    t.ok(status);
    const missing = await c.restart('nope').catch((e: unknown) => e);
    t.ok(isEdgeError(missing) && missing.code === 'MODULE_NOT_FOUND');
  });

  await t.test('a HEALTHCHECK failing makes an on-unhealthy module restart', async (t) => {
    const healthcheck = { Healthcheck: { Test: ['CMD', 'node', '-e', 'process.exit(1)'], Interval: 300_000_000, Timeout: 2_000_000_000, Retries: 1 } };
    const applied = await c.apply(manifest({ alpha: { env: { GREETING: 'two' } }, gamma: { startupOrder: 0 }, sick: { restartPolicy: 'on-unhealthy', createOptions: healthcheck } }));
    const status = await sv.waitFor('sick restarted for being unhealthy', (s) => s.modules.some((m) => m.name === 'sick' && m.restartCount >= 1), 30_000);
    t.equal(status.deployment?.id, applied.deploymentId);
    const sick = status.modules.find((m) => m.name === 'sick');
    t.ok(sick !== undefined && ['running', 'unhealthy', 'backoff', 'failed'].includes(sick.runtimeStatus));
  });

  await t.test('dial-stdio bridges the same API over stdin/stdout', async (t) => {
    const bridged = new SupervisorClient({ connect: () => spawnStdioDuplex('env', ['-u', 'NODE_OPTIONS', process.execPath, SUPERVISOR_BIN, 'dial-stdio', '--socket', sv.socket]) });
    const health = await bridged.health();
    t.equal(health.deviceId, sv.deviceId);
    t.equal((await bridged.status()).deviceId, sv.deviceId);
    const lines: string[] = [];
    for await (const line of bridged.logs('alpha', { tail: 2 })) lines.push(line);
    t.equal(lines.length, 2);
  });
}
