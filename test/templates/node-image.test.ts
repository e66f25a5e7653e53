/**
 * The Node template's image builds on the Docker Engine against the harness's local
 * node:20-bookworm-slim (the name its FROM lines use; nothing is pulled), and its container starts,
 * runs as the non-root `node` user, and tries to connect to the edge hub. Without a hub it exits
 * with the SDK's explanation; talking to the hub belongs to the hub's tests.
 */
import { join } from 'node:path';
import t from 'tap';
import { ensureBaseImages, NODE_BASE_IMAGES } from '../harness/base-images.js';
import { runEdgectl } from '../harness/cli.js';
import { ensureDockerEngine } from '../harness/docker-engine.js';
import { run, runOrThrow } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { temporaryDirectory } from './rendered-tree.js';

const LEGACY_BUILDER = { ...process.env, DOCKER_BUILDKIT: '0' };

t.test('the Node module and the sensor build on the local base image and start', async (t) => {
  const engine = await requireService(t, 'Docker Engine', async () => { await ensureDockerEngine(); ensureBaseImages(); return true; });
  if (engine === undefined) return;
  const work = temporaryDirectory('node-image');
  const created = await runEdgectl(['new', 'solution', 'sol', '--module', 'filter', '--lang', 'node'], { cwd: work, env: { CI: '1' } });
  t.equal(created.exitCode, 0, created.stderr);
  for (const [module, tag] of [['filter', 'edgectl-test/filter:template'], ['SimulatedTemperatureSensor', 'edgectl-test/sensor:template']] as const) {
    const dir = join(work, 'sol', 'modules', module);
    t.teardown(() => { run('docker', ['rmi', '-f', tag]); });
    const build = run('docker', ['build', '--pull=false', '-f', 'Dockerfile.amd64', '-t', tag, '.'], { cwd: dir, env: LEGACY_BUILDER, timeoutMs: 600_000 });
    t.equal(build.status, 0, `${module}: docker build: ${build.stderr.slice(-3000)}`);
    if (build.status !== 0) continue;
    t.match(build.stdout, new RegExp(`FROM ${NODE_BASE_IMAGES[0]}`), `${module}: built FROM the harness base image`);
    const user = runOrThrow('docker', ['run', '--rm', '--entrypoint', 'id', tag, '-un']);
    t.equal(user.trim(), 'node', `${module}: runs as the node user`);
    const started = run('docker', ['run', '--rm', '--network', 'none', tag], { timeoutMs: 60_000 });
    t.equal(started.status, 1, `${module}: exits 1 when no hub is configured`);
    t.match(started.stdout, /connecting to the edge hub with the module identity from the environment \(MQTT\)/, `${module}: tries to connect`);
    t.match(started.stderr, /could not connect to the edge hub: .*(IOTEDGE_WORKLOADURI|EdgeHubConnectionString)/, `${module}: says why it could not`);
  }
});
