/**
 * `edgectl quickstart --json` in a temporary folder, as a first-time user runs it: the demo converges
 * on a private local device with both modules running, the filter's messages come back, and a second
 * run reuses the folder and finds the deployment already current; a code change is flagged until the
 * module's version is raised, which redeploys it. A folder holding something else is
 * refused (exit 2) and left as it was.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ensureBaseImages, imageExists } from '../harness/base-images.js';
import { runEdgectl, type CliRun } from '../harness/cli.js';
import { ensureDockerEngine } from '../harness/docker-engine.js';
import { run } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { deviceContainers } from '../supervisor/supervisor-process.js';
import { localDeviceEnv } from './local-device-env.js';

/** The demo's images keep the templates' names; removed afterwards only if this test made them. */
const DEMO_IMAGES = ['localhost:5000/filtermodule:0.0.1-amd64', 'localhost:5000/simulatedtemperaturesensor:0.0.1-amd64'];

interface QuickstartDocument {
  solution: string;
  reused: boolean;
  device: string;
  images: { module: string; image: string }[];
  deployment: { outcome: string; changed: boolean; modules: { name: string; runtimeStatus: string; image: string }[] };
  messages: { seq: number; module: string; body: string }[];
  next: string[];
}

t.test('edgectl quickstart makes, builds and runs the demo, and runs again', async (t) => {
  const engine = await requireService(t, 'Docker Engine', async () => { await ensureDockerEngine(); ensureBaseImages(); return true; });
  if (engine === undefined) return;
  const device = localDeviceEnv('quickstart');
  t.teardown(() => device.destroy());
  const madeHere = DEMO_IMAGES.filter((image) => !imageExists(image));
  t.teardown(() => { if (madeHere.length > 0) run('docker', ['rmi', '-f', ...madeHere]); });
  const quickstart = (...args: string[]) => runEdgectl(['quickstart', ...args], { cwd: device.home, env: device.env, timeoutMs: 600_000 });

  const first = await quickstart('--dir', 'demo', '--json');
  t.equal(first.exitCode, 0, exitMessage(first));
  const doc = first.json<QuickstartDocument>();
  t.equal(doc.solution, join(device.home, 'demo'));
  t.equal(doc.reused, false);
  t.equal(doc.device, 'local');
  t.equal(doc.deployment.outcome, 'converged');
  t.same(doc.deployment.modules.map((m) => [m.name, m.runtimeStatus]), [['SimulatedTemperatureSensor', 'running'], ['filtermodule', 'running']]);
  t.same(doc.deployment.modules.map((m) => m.image).sort(), doc.images.map((i) => i.image).sort(), 'the device runs exactly the images built');
  t.same(deviceContainers(device.deviceId).map((c) => c.module).sort(), ['SimulatedTemperatureSensor', 'filtermodule']);
  t.ok(doc.next.some((step) => step.startsWith('edgectl logs filtermodule')), 'says what to try next');
  t.ok(existsSync(join(device.home, 'demo', 'config', 'deployment.amd64.json')), 'the generated config is kept');

  const again = await quickstart('--dir', 'demo', '--json');
  t.equal(again.exitCode, 0, exitMessage(again));
  const second = again.json<QuickstartDocument>();
  t.equal(second.reused, true, 'the folder is reused');
  t.equal(second.deployment.outcome, 'converged');
  t.equal(second.deployment.changed, false, 'the same images and config: already current');
  // Each run waits up to 10 s for three; by the second run the sensor has long passed the threshold.
  t.equal(second.messages.length, 3, 'the filter\'s newest messages are shown');
  t.ok(second.messages.every((m) => doc.messages.every((earlier) => m.seq > earlier.seq)), 'and only this run\'s: none the first run showed');
  for (const message of [...doc.messages, ...second.messages]) {
    t.equal(message.module, 'filtermodule');
    t.ok((JSON.parse(message.body) as { machine: { temperature: number } }).machine.temperature > 25, 'only readings above the default threshold');
  }

  // A code change under the same tag is not a new deployment: the quickstart says so; a new version deploys it.
  const filterDir = join(device.home, 'demo', 'modules', 'filtermodule');
  appendFileSync(join(filterDir, 'filter.js'), '// changed by the test\n');
  const stale = (await quickstart('--dir', 'demo', '--json')).json<QuickstartDocument & { warnings: string[] }>();
  t.match(stale.warnings, [/filtermodule still runs the earlier build .*raise "version"/]);
  const moduleJson = join(filterDir, 'module.json');
  writeFileSync(moduleJson, readFileSync(moduleJson, 'utf8').replace('"version": "0.0.1"', '"version": "0.0.2"'));
  t.teardown(() => { run('docker', ['rmi', '-f', 'localhost:5000/filtermodule:0.0.2-amd64']); });
  const bumped = await quickstart('--dir', 'demo', '--json');
  t.equal(bumped.exitCode, 0, exitMessage(bumped));
  const redeployed = bumped.json<QuickstartDocument & { warnings: string[] }>();
  t.equal(redeployed.deployment.changed, true, 'a new deployment');
  t.equal(redeployed.deployment.outcome, 'converged');
  t.same(redeployed.warnings, []);
  t.same(redeployed.deployment.modules.map((m) => [m.name, m.runtimeStatus, m.image]), [
    ['SimulatedTemperatureSensor', 'running', 'localhost:5000/simulatedtemperaturesensor:0.0.1-amd64'],
    ['filtermodule', 'running', 'localhost:5000/filtermodule:0.0.2-amd64'],
  ]);

  mkdirSync(join(device.home, 'busy'));
  writeFileSync(join(device.home, 'busy', 'notes.txt'), 'mine\n');
  const refused = await quickstart('--dir', 'busy', '--json');
  t.equal(refused.exitCode, 2);
  t.equal(refused.json<{ error: { code: string } }>().error.code, 'QUICKSTART_DIR_IN_USE');
  t.same(readdirSync(join(device.home, 'busy')), ['notes.txt'], 'nothing was added to it');
});

/** On success a short name; on failure the end of what the command said, to see why. */
function exitMessage(run: CliRun): string {
  return run.exitCode === 0 ? 'exits 0' : run.stderr.slice(-3000);
}
