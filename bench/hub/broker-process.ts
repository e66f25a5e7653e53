/**
 * One broker under test, in a process of its own so its CPU and memory are its own: `hub` (the
 * edgectl hub, routing producer → consumer) or `aedes` (bare aedes on the same TLS material, no
 * authentication, no routing). argv: kind, stateDir. Prints the connection details as one JSON line.
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import { startHub } from '../../src/supervisor/hub/hub.js';
import { ensureTlsMaterial } from '../../src/supervisor/hub/tls-material.js';
import type { BrokerTarget } from './load.js';
import { moduleLogin, producerConsumerTopics } from './module-login.js';

const [kind, stateDir] = process.argv.slice(2);
if (stateDir === undefined || (kind !== 'hub' && kind !== 'aedes')) throw new Error('usage: broker-process hub|aedes <stateDir>');

let target: BrokerTarget;
if (kind === 'hub') {
  const hub = await startHub({ stateDir, deviceId: 'dev1', hostName: 'localhost', listen: { host: '127.0.0.1', port: 0 } });
  hub.applyDeployment({ modules: ['producer', 'consumer'], routes: { r: 'FROM /messages/modules/producer/outputs/out INTO BrokeredEndpoint("/modules/consumer/inputs/in")' } });
  const login = (moduleId: string) => moduleLogin('localhost', 'dev1', moduleId, /SharedAccessKey=([^;]+)/.exec(hub.moduleEnvironment(moduleId).env['EdgeHubConnectionString'] ?? '')?.[1] ?? '');
  target = { port: hub.port, caFile: hub.caFile, producer: login('producer'), consumer: login('consumer'), ...producerConsumerTopics('dev1') };
} else {
  const tls = await ensureTlsMaterial(join(stateDir, 'tls'), ['localhost', '127.0.0.1']);
  const broker = new Aedes({ maxClientsIdLength: 1024, concurrency: 1000 });
  await broker.listen();
  const server = createServer({ key: tls.keyPem, cert: tls.certPem, minVersion: 'TLSv1.2' }, broker.handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  target = {
    port: (server.address() as AddressInfo).port,
    caFile: tls.caFile,
    producer: { clientId: 'producer' },
    consumer: { clientId: 'consumer' },
    publishTopic: 'bench/in',
    subscribeTopic: 'bench/in',
  };
}
process.stdout.write(`${JSON.stringify(target)}\n`);
// `kill -USR2 <pid>` prints where the memory is, for looking into the RSS figure.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: what is live, not what awaits collection
  process.stderr.write(`${JSON.stringify(process.memoryUsage())}\n`);
});
// A clean exit on SIGINT, so `node --cpu-prof` writes its profile.
process.on('SIGINT', () => process.exit(0));
