/**
 * `edgectl deploy|status|logs|restart|rollback --device local` end to end: the CLI starts the embedded
 * supervisor on first use (state under XDG_STATE_HOME) and drives it through its socket.
 */
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { runEdgectl, spawnEdgectl } from '../harness/cli.js';
import { waitFor } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { deviceContainers, ensureModuleImage, manifest, removeDeviceContainers, uniqueDeviceId } from '../supervisor/supervisor-process.js';

const ready = await requireService(t, 'Docker Engine', async () => { await ensureModuleImage(); return true; });
if (ready !== undefined) {
  const home = mkdtempSync(join(tmpdir(), 'edgectl-local-'));
  const deviceId = uniqueDeviceId('cli-local');
  const env = {
    XDG_STATE_HOME: join(home, 'state'),
    EDGECTL_LOCAL_DEVICE_ID: deviceId,
    EDGECTL_LOCAL_SUPERVISOR_ARGS: '--backoff-unit-ms 200 --backoff-max-ms 1000 --max-restarts 2 --resync-ms 1000 --stop-timeout 1',
  };
  const edgectl = (...args: string[]) => runEdgectl(args, { env, cwd: home });
  const file = (name: string, text: string) => { writeFileSync(join(home, name), text); return name; };
  t.teardown(async () => {
    const { SupervisorClient, unixSocketConnect } = await import('../../src/adapters/supervisor-client.js');
    const client = new SupervisorClient({ connect: unixSocketConnect(join(home, 'state', 'edgectl', 'local', 'supervisor.sock')) });
    const pid = await client.health().then((h) => h.pid, () => undefined);
    if (pid !== undefined) process.kill(pid, 'SIGTERM');
    removeDeviceContainers(deviceId);
    rmSync(home, { recursive: true, force: true });
  });
  const good = file('good.json', manifest({ web: { env: { GREETING: 'hi' } }, worker: { startupOrder: 0 } }));
  let goodId = '';

  await t.test('deploy starts the local supervisor, applies and exits 0 when converged', async (t) => {
    const result = await edgectl('deploy', good, '--json', '--timeout', '60');
    t.equal(result.exitCode, 0, result.stderr);
    const doc = result.json<{ outcome: string; deploymentId: string; modules: { name: string; runtimeStatus: string }[] }>();
    goodId = doc.deploymentId;
    t.equal(doc.outcome, 'converged');
    t.same(doc.modules.map((m) => m.runtimeStatus), ['running', 'running']);
    t.match(result.stderr, /starting the local supervisor/);
    t.match(result.stderr, /worker: create container/);
    t.same(deviceContainers(deviceId).map((c) => c.module).sort(), ['web', 'worker']);
  });

  await t.test('status and logs talk to the running supervisor', async (t) => {
    const status = await edgectl('status');
    t.equal(status.exitCode, 0);
    t.match(status.stdout, new RegExp(`deployment ${goodId} converged`));
    t.match(status.stdout, /web\s+running\s+Up /);
    t.notMatch(status.stderr, /starting the local supervisor/, 'found the running one');
    let logs = await edgectl('logs', 'web', '--tail', 'all');
    for (let i = 0; i < 30 && !/hello from web/.test(logs.stdout); i++) logs = await edgectl('logs', 'web');
    t.equal(logs.exitCode, 0);
    t.match(logs.stdout, /hello from web mode=run greeting=hi/);
  });

  await t.test('status --watch --json prints a document per change until Ctrl-C, then exits 0', async (t) => {
    const watcher = spawnEdgectl(['status', '--watch', '--json', '--interval', '0.3'], env);
    t.teardown(() => { watcher.kill('SIGKILL'); });
    const documents: Array<{ modules: { name: string; lastStartTime: string | null }[] }> = [];
    createInterface({ input: watcher.stdout }).on('line', (line) => documents.push(JSON.parse(line) as (typeof documents)[number]));
    await waitFor('the first status document', () => documents.length >= 1, 30_000);
    const startedAt = (document: (typeof documents)[number] | undefined): string | null | undefined => document?.modules.find((m) => m.name === 'web')?.lastStartTime;
    const first = startedAt(documents[0]);
    t.equal((await edgectl('restart', 'web')).exitCode, 0);
    await waitFor('a document showing the restart', () => startedAt(documents.at(-1)) !== first, 30_000);
    t.ok(documents.length >= 2, 'the change came as a new document');
    watcher.kill('SIGINT');
    const [code] = (await once(watcher, 'exit')) as [number | null];
    t.equal(code, 0);
  });

  await t.test('--dry-run prints the plan and changes nothing', async (t) => {
    const next = file('next.json', manifest({ web: { env: { GREETING: 'changed' } }, worker: { startupOrder: 0 } }));
    const before = deviceContainers(deviceId).map((c) => c.id).sort();
    const result = await edgectl('deploy', next, '--dry-run');
    t.equal(result.exitCode, 0);
    t.match(result.stderr, /web: remove container .*image, env, createOptions or version changed/);
    t.match(result.stdout, /dry run: deployment \w+ would change device local/);
    t.same(deviceContainers(deviceId).map((c) => c.id).sort(), before);
  });

  await t.test('an invalid manifest is refused before anything is sent (exit 2)', async (t) => {
    const bad = file('bad.json', manifest({ web: { restartPolicy: 'sometimes' } }));
    const result = await edgectl('deploy', bad, '--json');
    t.equal(result.exitCode, 2);
    t.equal(result.json<{ error: { code: string } }>().error.code, 'MANIFEST_INVALID');
    const status = (await edgectl('status', '--json')).json<{ deployment: { id: string } }>();
    t.equal(status.deployment.id, goodId);
  });

  await t.test('a failing deployment exits 1 with the reason and log lines, and --rollback-on-failure returns', async (t) => {
    const failing = file('failing.json', manifest({ web: { env: { GREETING: 'hi' } }, worker: { startupOrder: 0 }, broken: { env: { MODE: 'crash' } } }));
    const result = await edgectl('deploy', failing, '--json', '--timeout', '30', '--rollback-on-failure');
    t.equal(result.exitCode, 1);
    const doc = result.json<{ outcome: string; failing: { module: string; reason: string; lastLogLines: string[] }[]; rolledBackTo?: string }>();
    t.equal(doc.outcome, 'failed');
    const broken = doc.failing.find((f) => f.module === 'broken');
    t.match(broken?.reason ?? '', /exited with code 3/);
    t.ok(broken?.lastLogLines.some((l) => /hello from broken/.test(l)), 'last log lines are shown');
    t.equal(doc.rolledBackTo, goodId);
    t.same(deviceContainers(deviceId).map((c) => c.module).sort(), ['web', 'worker']);
    const human = await edgectl('deploy', failing, '--timeout', '30');
    t.equal(human.exitCode, 1);
    t.match(human.stdout, /broken: exited with code 3/);
  });

  await t.test('a local supervisor without a Docker Engine: deploy says so (DOCKER_UNAVAILABLE)', async (t) => {
    const state = join(home, 'no-docker');
    const noDocker = { ...env, XDG_STATE_HOME: state, DOCKER_HOST: 'unix:///nonexistent/docker.sock', EDGECTL_LOCAL_DEVICE_ID: `${deviceId}-nd` };
    const result = await runEdgectl(['deploy', good, '--json'], { env: noDocker, cwd: home });
    t.equal(result.exitCode, 1);
    t.equal(result.json<{ error: { code: string } }>().error.code, 'DOCKER_UNAVAILABLE');
    const { SupervisorClient, unixSocketConnect } = await import('../../src/adapters/supervisor-client.js');
    const client = new SupervisorClient({ connect: unixSocketConnect(join(state, 'edgectl', 'local', 'supervisor.sock')) });
    const health = await client.health();
    t.equal(health.docker, 'unavailable');
    process.kill(health.pid, 'SIGTERM');
  });

  await t.test('restart and rollback commands', async (t) => {
    const restart = await edgectl('restart', 'web', '--json');
    t.equal(restart.exitCode, 0);
    t.equal(restart.json<{ module: string }>().module, 'web');
    const rollback = await edgectl('rollback', '--json', '--timeout', '30');
    t.equal(rollback.exitCode, 0, rollback.stdout);
    t.equal(rollback.json<{ deploymentId: string }>().deploymentId, goodId);
    const unknown = await edgectl('restart', 'nope');
    t.equal(unknown.exitCode, 1);
    t.match(unknown.stderr, /MODULE_NOT_FOUND/);
  });
}
