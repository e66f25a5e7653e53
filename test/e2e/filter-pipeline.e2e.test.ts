/**
 * Issue 8's pipeline end to end, through the real binary: a solution scaffolded by `edgectl new
 * solution` (the sample sensor + the Node template filter), its images built by `edgectl build` on the
 * harness's local base image, the config from `edgectl genconfig`, deployed with `edgectl deploy
 * --device local`; the filter forwards only readings above its twin's TemperatureThreshold, and
 * `edgectl monitor --json` shows them. The threshold is raised to 30 in the template so the test
 * also proves the twin's desired properties reach the module.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ensureBaseImages } from '../harness/base-images.js';
import { runEdgectl, type CliRun } from '../harness/cli.js';
import { ensureDockerEngine } from '../harness/docker-engine.js';
import { run } from '../harness/processes.js';
import { requireService } from '../harness/require-service.js';
import { deviceContainers } from '../supervisor/supervisor-process.js';
import { localDeviceEnv } from './local-device-env.js';

const THRESHOLD = 30;

interface MonitoredMessage { module: string; body: string; applicationProperties: Record<string, string>; systemProperties: Record<string, string> }

t.test('sensor → filter → $upstream, deployed on the local device, seen by monitor', async (t) => {
  const engine = await requireService(t, 'Docker Engine', async () => { await ensureDockerEngine(); ensureBaseImages(); return true; });
  if (engine === undefined) return;
  const device = localDeviceEnv('pipeline');
  t.teardown(() => device.destroy());
  // Image names of this test only: parallel tests (and the quickstart's demo) use the template's.
  const tag = `${process.pid}-${Date.now()}`;
  const images = [`edgectl-test/pipeline-filter-${tag}`, `edgectl-test/pipeline-sensor-${tag}`];
  t.teardown(() => { run('docker', ['rmi', '-f', ...images.map((image) => `${image}:0.0.1-amd64`)]); });
  const edgectl = (cwd: string, ...args: string[]) => runEdgectl(args, { cwd, env: device.env, timeoutMs: 600_000 });

  const created = await edgectl(device.home, 'new', 'solution', 'sol', '--module', 'filtermodule', '--lang', 'node', '--repository', images[0] ?? '');
  t.equal(created.exitCode, 0, exitMessage(created));
  const solution = join(device.home, 'sol');
  edit(join(solution, 'modules', 'SimulatedTemperatureSensor', 'module.json'), (text) => text.replace('localhost:5000/simulatedtemperaturesensor', images[1] ?? ''));
  edit(join(solution, 'deployment.template.json'), (text) => text
    .replace(/"TemperatureThreshold": 25/, `"TemperatureThreshold": ${THRESHOLD}`)
    .replace(/"SendInterval": \{ "value": "5" \}/, '"SendInterval": { "value": "0.2" }'));

  const built = await edgectl(solution, 'build', '--platform', 'amd64', '--json');
  t.equal(built.exitCode, 0, exitMessage(built));
  t.same(built.json<{ images: { image: string }[] }>().images.map((i) => i.image).sort(), images.map((image) => `${image}:0.0.1-amd64`).sort());
  const generated = await edgectl(solution, 'genconfig', '--platform', 'amd64');
  t.equal(generated.exitCode, 0, exitMessage(generated));

  const deployed = await edgectl(solution, 'deploy', 'config/deployment.amd64.json', '--json', '--timeout', '90');
  t.equal(deployed.exitCode, 0, exitMessage(deployed));
  const doc = deployed.json<{ outcome: string; modules: { name: string; runtimeStatus: string }[] }>();
  t.equal(doc.outcome, 'converged');
  t.same(doc.modules.map((m) => [m.name, m.runtimeStatus]), [['SimulatedTemperatureSensor', 'running'], ['filtermodule', 'running']]);
  t.same(deviceContainers(device.deviceId).map((c) => c.module).sort(), ['SimulatedTemperatureSensor', 'filtermodule']);

  const count = 5;
  const monitored = await edgectl(solution, 'monitor', '--module', 'filtermodule', '--count', String(count), '-f', '--json');
  t.equal(monitored.exitCode, 0, exitMessage(monitored));
  const filtered = lines(monitored.stdout);
  t.equal(filtered.length, count, 'one JSON message per line, --count of them');
  for (const message of filtered) {
    const temperature = machineTemperature(message);
    t.ok(temperature > THRESHOLD, `filtermodule forwarded ${temperature} > ${THRESHOLD}`);
    t.equal(message.module, 'filtermodule');
    t.equal(message.systemProperties['outputName'], 'output1');
    t.equal(message.applicationProperties['MessageType'], 'Alert');
  }
  // What the filter dropped exists: the sensor's own upstream route carries every reading.
  const raw = lines((await edgectl(solution, 'monitor', '--module', 'SimulatedTemperatureSensor', '--count', '200', '--json')).stdout);
  const below = raw.map(machineTemperature).filter((temperature) => temperature <= THRESHOLD);
  t.ok(below.length > 0, `the sensor also sent readings at or below ${THRESHOLD} (${below.length} of ${raw.length}), which the filter held back`);
});

function edit(path: string, change: (text: string) => string): void {
  const text = readFileSync(path, 'utf8');
  const changed = change(text);
  if (changed === text) throw new Error(`nothing changed in ${path}`);
  writeFileSync(path, changed);
}

function lines(stdout: string): MonitoredMessage[] {
  return stdout.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as MonitoredMessage);
}

function machineTemperature(message: MonitoredMessage): number {
  return (JSON.parse(message.body) as { machine: { temperature: number } }).machine.temperature;
}

/** On success a short name; on failure the end of what the command said, to see why. */
function exitMessage(run: CliRun): string {
  return run.exitCode === 0 ? 'exits 0' : run.stderr.slice(-3000);
}
