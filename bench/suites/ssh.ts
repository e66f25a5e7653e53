/**
 * Devices over ssh, against the plain ways of doing the same through OpenSSH:
 * - warm `edgectl status --device d` vs a warm multiplexed `ssh d true` plus the local status call;
 * - cold `edgectl status --device d` (no master connection) vs a cold `ssh d true`;
 * - `logs -f`: how long a line the container writes takes to reach edgectl's stdout;
 * - a 10-module `edgectl deploy` over ssh vs the same to `--device local` plus one warm ssh round trip.
 * Needs root (the harness makes an sshd device with its own user), Docker and the Node base image.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SshTransport } from '../../src/adapters/ssh.js';
import { maxRow, ratioRow, type BenchRow, type BenchSuite } from '../bench-types.js';
import { median, timeProcess } from '../measure.js';
import { startSshDevice, type SshDevice } from '../../test/harness/ssh-device.js';
import { ensureModuleImage, manifest, removeDeviceContainers, stopDeviceSupervisor, wipeDeviceInstall } from '../../test/devices/device-fixtures.js';

const edgectl = fileURLToPath(new URL('../../../bin/edgectl', import.meta.url));
const ROUNDS = 15;
const DEPLOY_ROUNDS = 3;

export const sshSuite: BenchSuite = {
  name: 'devices over ssh',
  async run() {
    await ensureModuleImage();
    const device = await startSshDevice();
    const work = mkdtempSync(join(tmpdir(), 'edgectl-bench-ssh-'));
    const deviceId = `bench-${device.alias}`;
    // A device id of its own for `--device local`: another local supervisor on this engine (a developer's,
    // another run's) owns the containers labelled `local`, and two owners would fight over them.
    const localId = `bench-local-${process.pid}`;
    const env = { ...process.env, XDG_STATE_HOME: join(work, 'state'), NO_COLOR: '1', EDGECTL_LOCAL_DEVICE_ID: localId };
    try {
      wipeDeviceInstall(device);
      const on = ['--device', device.alias, '--ssh-config', device.sshConfig];
      cli(['device', 'install', ...on, '--device-id', deviceId], env);
      const file = join(work, 'deployment.json');
      writeFileSync(file, manifest({ ticker: { TICK_MS: '100' } }));
      cli(['deploy', file, ...on, '--timeout', '120'], env);
      cli(['deploy', file, '--device', 'local', '--timeout', '120'], env);
      const transport = new SshTransport({ destination: { host: device.alias }, label: device.alias, configFile: device.sshConfig, hostKeyPolicy: 'strict', interactive: false, env });
      return [...await warmAndCold(device, transport, on, env), await followLatency(on, env), tenModuleDeploy(work, transport, on, env)];
    } finally {
      stopDeviceSupervisor(device);
      removeDeviceContainers(deviceId);
      stopLocalSupervisor(work);
      removeDeviceContainers(localId);
      await device.stop();
      rmSync(work, { recursive: true, force: true });
    }
  },
};

async function warmAndCold(device: SshDevice, transport: SshTransport, on: string[], env: NodeJS.ProcessEnv): Promise<BenchRow[]> {
  const status = (args: string[]): number => timeProcess(edgectl, ['status', ...args], { env });
  // The same options edgectl uses, so the baseline shares (warm) or lacks (cold) the same master.
  const warmSsh = transport.argv(['true']);
  const coldSsh = ['-F', device.sshConfig, '-o', 'ControlMaster=no', '-o', 'ControlPath=none', '-T', '--', device.alias, 'true'];
  const samples = { warm: [] as number[], warmSsh: [] as number[], local: [] as number[], cold: [] as number[], coldSsh: [] as number[] };
  status(on);
  status(['--device', 'local']);
  for (let round = 0; round < ROUNDS; round++) {
    // Cold first: it opens the master that the warm calls right after it reuse.
    await transport.closeMaster();
    samples.cold.push(status(on));
    samples.warm.push(status(on));
    samples.warmSsh.push(timeProcess('ssh', warmSsh));
    samples.local.push(status(['--device', 'local']));
    await transport.closeMaster();
    samples.coldSsh.push(timeProcess('ssh', coldSsh));
  }
  const warmBaseline = { name: 'warm multiplexed ssh d true + edgectl status --device local', value: median(samples.warmSsh) + median(samples.local) };
  return [
    ratioRow('warm edgectl status --device <ssh device>', median(samples.warm), warmBaseline, 1.5),
    ratioRow('cold edgectl status --device <ssh device>', median(samples.cold), { name: 'cold ssh d true', value: median(samples.coldSsh) }, 1.5),
  ];
}

/** The module prints `tick <n> <Date.now()>` every 100 ms; each line's age on arrival is its latency. */
async function followLatency(on: string[], env: NodeJS.ProcessEnv): Promise<BenchRow> {
  const child = spawn(edgectl, ['logs', 'ticker', '-f', '--tail', '0', ...on], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const latencies: number[] = [];
  let pending = '';
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const now = Date.now();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const sent = Number(/tick \d+ (\d+)/.exec(line)?.[1]);
        if (Number.isFinite(sent)) latencies.push(now - sent);
      }
      if (latencies.length >= 40) resolve();
    });
    child.once('close', () => resolve());
    setTimeout(resolve, 30_000);
  });
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('close', resolve));
  return maxRow('logs -f: container line → terminal (median)', median(latencies.slice(5)), 'ms', 100);
}

/**
 * `edgectl deploy` of 10 modules, to the ssh device and to `--device local` (the same engine, the
 * images present), each round with a new env so every module is a fresh container on both.
 */
function tenModuleDeploy(work: string, transport: SshTransport, on: string[], env: NodeJS.ProcessEnv): BenchRow {
  const samples = { ssh: [] as number[], local: [] as number[], roundTrip: [] as number[] };
  for (let round = 0; round < DEPLOY_ROUNDS; round++) {
    const file = join(work, `ten-${round}.json`);
    writeFileSync(file, manifest(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}`, { ROUND: String(round) }]))));
    samples.local.push(timeProcess(edgectl, ['deploy', file, '--device', 'local', '--timeout', '120'], { env }));
    samples.ssh.push(timeProcess(edgectl, ['deploy', file, ...on, '--timeout', '120'], { env }));
    for (let i = 0; i < 3; i++) samples.roundTrip.push(timeProcess('ssh', transport.argv(['true'])));
  }
  const baseline = { name: '10-module deploy to --device local + one warm ssh round trip', value: median(samples.local) + median(samples.roundTrip) };
  return ratioRow('10-module edgectl deploy --device <ssh device> (converged)', median(samples.ssh), baseline, 1.2);
}

function cli(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(edgectl, [...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`edgectl ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
}

/** The local supervisor this suite's `--device local` calls started (found by its private state dir). */
function stopLocalSupervisor(work: string): void {
  const pids = spawnSync('pgrep', ['-f', join(work, 'state')], { encoding: 'utf8' }).stdout.split('\n').filter((line) => /^\d+$/.test(line.trim()));
  for (const pid of pids) spawnSync('kill', [pid.trim()]);
}
