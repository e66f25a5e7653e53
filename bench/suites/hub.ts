/**
 * The hub's speed and footprint (issue 8): routed throughput and latency for 1 KB QoS 1 messages, one
 * producer → route → one consumer, over TLS, beside the same load on bare aedes (no auth, no routing:
 * the overhead of the hub) and on Debian's mosquitto; and the hub process's RSS after 100,000 routed
 * messages. Each broker runs in its own process; the load generator (mqtt.js) runs here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureTlsMaterial } from '../../src/supervisor/hub/tls-material.js';
import { maxRow, minRow, type BenchRow, type BenchSuite } from '../bench-types.js';
import { LoadPair, type BrokerTarget } from '../hub/load.js';

const brokerScript = fileURLToPath(new URL('../hub/broker-process.js', import.meta.url));
const MOSQUITTO = '/usr/sbin/mosquitto';
const ROUTED = 100_000;
const PACED_RATE = 20_000;
const TUNED_FLAGS = ['--max-semi-space-size=1'];

interface Measured {
  throughput: number;
  p50: number;
  p99: number;
  rssMb: number;
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN) / 1024;
}

async function measure(target: BrokerTarget, pid: number): Promise<Measured> {
  const pair = await LoadPair.open(target);
  try {
    await pair.throughput(5_000); // warm-up: JIT, TLS buffers
    const throughput = await pair.throughput(ROUTED);
    const rss = rssMb(pid);
    const { p50, p99 } = await pair.latency(PACED_RATE, 40_000);
    return { throughput, p50, p99, rssMb: rss };
  } finally {
    await pair.close();
  }
}

async function startNodeBroker(kind: 'hub' | 'aedes', stateDir: string, nodeFlags: readonly string[] = []): Promise<{ child: ChildProcess; target: BrokerTarget }> {
  const child = spawn(process.execPath, [...nodeFlags, brokerScript, kind, stateDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${kind} broker exited ${String(code)}`)));
  });
  return { child, target: JSON.parse(line) as BrokerTarget };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
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

async function startMosquitto(dir: string): Promise<{ child: ChildProcess; target: BrokerTarget }> {
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
  return { child, target: { port, caFile: tls.caFile, producer: { clientId: 'producer' }, consumer: { clientId: 'consumer' }, publishTopic: 'bench/in', subscribeTopic: 'bench/in' } };
}

async function run(start: () => Promise<{ child: ChildProcess; target: BrokerTarget }>): Promise<Measured> {
  const { child, target } = await start();
  try {
    return await measure(target, child.pid ?? -1);
  } finally {
    child.kill('SIGKILL');
  }
}

export const hubSuite: BenchSuite = {
  name: 'hub',
  async run() {
    if (!existsSync(MOSQUITTO)) throw new Error(`${MOSQUITTO} is missing: apt-get install -y mosquitto`);
    const dir = mkdtempSync(join(tmpdir(), 'edgectl-bench-hub-'));
    try {
      const hub = await run(() => startNodeBroker('hub', join(dir, 'hub')));
      const aedes = await run(() => startNodeBroker('aedes', join(dir, 'aedes')));
      const mosquitto = await run(() => startMosquitto(join(dir, 'mosquitto')));
      // V8 grows its young generation to 3 × 16 MB under a burst; capping it is the supervisor's choice to make.
      const tuned = await run(() => startNodeBroker('hub', join(dir, 'hub-tuned'), TUNED_FLAGS));
      const rows: BenchRow[] = [
        minRow('routed throughput, 1 KB QoS 1 TLS (hub)', hub.throughput, 'msg/s', 20_000, { name: 'bare aedes, no routing', value: aedes.throughput }),
        minRow('routed throughput, same load', hub.throughput, 'msg/s', 20_000, { name: 'mosquitto 2.0', value: mosquitto.throughput }),
        maxRow(`p99 latency at ${PACED_RATE} msg/s (hub)`, hub.p99, 'ms', 10, { name: 'bare aedes p99', value: aedes.p99 }),
        maxRow(`p99 latency at ${PACED_RATE} msg/s, same load`, hub.p99, 'ms', 10, { name: 'mosquitto p99', value: mosquitto.p99 }),
        maxRow(`p50 latency at ${PACED_RATE} msg/s (hub)`, hub.p50, 'ms', 10, { name: 'bare aedes p50', value: aedes.p50 }),
        maxRow(`hub process RSS after ${ROUTED + 5_000} routed messages`, hub.rssMb, 'MB', 80, { name: 'bare aedes RSS', value: aedes.rssMb }),
        maxRow(`same, node ${TUNED_FLAGS.join(' ')}`, tuned.rssMb, 'MB', 80, { name: 'default flags', value: hub.rssMb }),
        minRow(`routed throughput, node ${TUNED_FLAGS.join(' ')}`, tuned.throughput, 'msg/s', 20_000, { name: 'default flags', value: hub.throughput }),
      ];
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
