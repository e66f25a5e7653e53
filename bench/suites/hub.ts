/**
 * The hub's speed and footprint (issue 8): routed throughput and latency for 1 KB QoS 1 messages, one
 * producer → route → one consumer, over TLS, beside the same load on bare aedes (no auth, no routing:
 * the overhead of the hub) and on Debian's mosquitto; the whole supervisor's RSS after the run's routed
 * messages (about 185,000), beside bare aedes, mosquitto and the hub alone under Node's defaults (what the launch
 * profile saves). Each broker runs in its own process; the load generator (mqtt.js) runs here. 1 KB bodies,
 * throughput with at most 1,000 unacknowledged, latency paced at 20,000 msg/s.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { supervisorLaunch } from '../../src/core/devices/supervisor-launch-profile.js';
import { ensureTlsMaterial } from '../../src/supervisor/hub/tls-material.js';
import { maxRow, minRow, type BenchRow, type BenchSuite } from '../bench-types.js';
import { LoadPair, type BrokerTarget } from '../hub/load.js';
import { startSupervisorBroker, type RunningBroker } from '../hub/supervisor-broker.js';
import { freePort } from '../../test/harness/processes.js';
import { median } from '../measure.js';

const brokerScript = fileURLToPath(new URL('../hub/broker-process.js', import.meta.url));
const MOSQUITTO = '/usr/sbin/mosquitto';
const ROUNDS = 3;
const ROUND_MESSAGES = 30_000;
const PACED_RATE = 20_000;

interface Measured {
  throughput: number;
  p50: number;
  p99: number;
  rssMb: number;
  routed: number;
}

interface Running {
  name: string;
  broker: RunningBroker;
  pair: LoadPair;
  throughputs: number[];
  p50s: number[];
  p99s: number[];
  routed: number;
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN) / 1024;
}

/**
 * Every broker runs at once, idle while another is measured; the rounds go broker by broker, so
 * drift in the machine's load hits them all alike. Figures are medians over the rounds.
 */
async function measureAll(brokers: { name: string; start: () => Promise<RunningBroker> }[]): Promise<Record<string, Measured>> {
  const running: Running[] = [];
  try {
    for (const { name, start } of brokers) {
      const broker = await start();
      running.push({ name, broker, pair: await LoadPair.open(broker.target), throughputs: [], p50s: [], p99s: [], routed: 0 });
    }
    for (const r of running) {
      await r.pair.throughput(5_000); // warm-up: JIT, TLS buffers
      r.routed += 5_000;
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const r of running) {
        r.throughputs.push(await r.pair.throughput(ROUND_MESSAGES));
        const { p50, p99 } = await r.pair.latency(PACED_RATE, ROUND_MESSAGES);
        r.p50s.push(p50);
        r.p99s.push(p99);
        r.routed += 2 * ROUND_MESSAGES;
      }
    }
    return Object.fromEntries(running.map((r) => [r.name, { throughput: median(r.throughputs), p50: median(r.p50s), p99: median(r.p99s), rssMb: rssMb(r.broker.pid), routed: r.routed }]));
  } finally {
    for (const r of running) {
      await r.pair.close().catch(() => undefined);
      await r.broker.stop();
    }
  }
}

/** broker-process.ts: bare aedes or the hub alone, with the supervisor's launch profile or node's defaults. */
async function startNodeBroker(kind: 'hub' | 'aedes', stateDir: string, profile: boolean): Promise<RunningBroker> {
  const launch = profile ? supervisorLaunch(process.execPath, brokerScript, [kind, stateDir], process.env) : { command: process.execPath, args: [brokerScript, kind, stateDir], env: process.env };
  const child = spawn(launch.command, launch.args, { env: launch.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${kind} broker exited ${String(code)}`)));
  });
  return { pid: child.pid ?? -1, target: JSON.parse(line) as BrokerTarget, stop: async () => { child.kill('SIGKILL'); } };
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`mosquitto did not listen on ${port}`);
}

async function startMosquitto(dir: string): Promise<RunningBroker> {
  const tls = await ensureTlsMaterial(join(dir, 'tls'), ['localhost', '127.0.0.1']);
  const port = await freePort();
  const config = join(dir, 'mosquitto.conf');
  // Unlimited in-flight and queued messages, no persistence: like aedes' defaults, so the loads match.
  writeFileSync(
    config,
    [`user root`, `listener ${port} 127.0.0.1`, `cafile ${tls.caFile}`, `certfile ${join(dir, 'tls', 'server.cert.pem')}`, `keyfile ${join(dir, 'tls', 'server.key.pem')}`,
      'allow_anonymous true', 'persistence false', 'max_inflight_messages 0', 'max_queued_messages 0', 'log_dest none', ''].join('\n'),
  );
  const child = spawn(MOSQUITTO, ['-c', config], { stdio: 'ignore' });
  await waitForPort(port);
  return { pid: child.pid ?? -1, stop: async () => { child.kill('SIGKILL'); }, target: { port, caFile: tls.caFile, producer: { clientId: 'producer' }, consumer: { clientId: 'consumer' }, publishTopic: 'bench/in', subscribeTopic: 'bench/in' } };
}

export const hubSuite: BenchSuite = {
  name: 'hub',
  async run() {
    if (!existsSync(MOSQUITTO)) throw new Error(`${MOSQUITTO} is missing: apt-get install -y mosquitto`);
    const dir = mkdtempSync(join(tmpdir(), 'edgectl-bench-hub-'));
    try {
      const all = await measureAll([
        { name: 'supervisor', start: () => startSupervisorBroker(`bench-hub-${process.pid}`) },
        { name: 'aedes', start: () => startNodeBroker('aedes', join(dir, 'aedes'), true) },
        { name: 'mosquitto', start: () => startMosquitto(join(dir, 'mosquitto')) },
        { name: 'defaults', start: () => startNodeBroker('hub', join(dir, 'hub-defaults'), false) },
      ]);
      const { supervisor: hub, aedes, mosquitto, defaults } = all as Record<'supervisor' | 'aedes' | 'mosquitto' | 'defaults', Measured>;
      const rows: BenchRow[] = [
        minRow('routed throughput, 1 KB QoS 1 TLS (supervisor hub)', hub.throughput, 'msg/s', 20_000, { name: 'bare aedes, no routing', value: aedes.throughput }),
        minRow('routed throughput, same load', hub.throughput, 'msg/s', 20_000, { name: 'mosquitto 2.0', value: mosquitto.throughput }),
        maxRow(`p99 latency at ${PACED_RATE} msg/s (supervisor hub)`, hub.p99, 'ms', 10, { name: 'bare aedes p99', value: aedes.p99 }),
        maxRow(`p99 latency at ${PACED_RATE} msg/s, same load`, hub.p99, 'ms', 10, { name: 'mosquitto p99', value: mosquitto.p99 }),
        maxRow(`p50 latency at ${PACED_RATE} msg/s (supervisor hub)`, hub.p50, 'ms', 10, { name: 'bare aedes p50', value: aedes.p50 }),
        maxRow(`supervisor RSS after ${hub.routed} routed messages`, hub.rssMb, 'MB', 80, { name: 'bare aedes RSS', value: aedes.rssMb }),
        maxRow('same, beside mosquitto', hub.rssMb, 'MB', 80, { name: 'mosquitto RSS', value: mosquitto.rssMb }),
        maxRow('same, beside the hub alone under node defaults', hub.rssMb, 'MB', 80, { name: 'hub alone, node defaults', value: defaults.rssMb }),
        minRow('routed throughput, hub alone under node defaults', defaults.throughput, 'msg/s', 20_000, { name: 'supervisor hub, launch profile', value: hub.throughput }),
      ];
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
