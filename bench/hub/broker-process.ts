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
import { createSasToken } from '../../src/core/hub/sas-token.js';
import { startHub } from '../../src/supervisor/hub/hub.js';
import { ensureTlsMaterial } from '../../src/supervisor/hub/tls-material.js';
import type { BrokerTarget } from './load.js';

const [kind, stateDir] = process.argv.slice(2);
if (stateDir === undefined || (kind !== 'hub' && kind !== 'aedes')) throw new Error('usage: broker-process hub|aedes <stateDir>');

let target: BrokerTarget;
if (kind === 'hub') {
  const hub = await startHub({ stateDir, deviceId: 'dev1', hostName: 'localhost', listen: { host: '127.0.0.1', port: 0 } });
  hub.applyDeployment({ modules: ['producer', 'consumer'], routes: { r: 'FROM /messages/modules/producer/outputs/out INTO BrokeredEndpoint("/modules/consumer/inputs/in")' } });
  const login = (moduleId: string) => {
    const key = /SharedAccessKey=([^;]+)/.exec(hub.moduleEnvironment(moduleId).env['EdgeHubConnectionString'] ?? '')?.[1] ?? '';
    return {
      clientId: `dev1/${moduleId}`,
      username: `localhost/dev1/${moduleId}/?api-version=2021-04-12`,
      password: createSasToken(`localhost/devices/dev1/modules/${moduleId}`, Buffer.from(key, 'base64'), Math.floor(Date.now() / 1000) + 3600),
    };
  };
  target = {
    port: hub.port,
    caFile: hub.caFile,
    producer: login('producer'),
    consumer: login('consumer'),
    // What the Node SDK sends for sendOutputEvent('out', m) with a message id (edgehub-mqtt.md §4).
    publishTopic: 'devices/dev1/modules/producer/messages/events/%24.on=out&%24.mid=m-{n}/',
    subscribeTopic: 'devices/dev1/modules/consumer/inputs/#',
  };
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
