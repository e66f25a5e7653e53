/**
 * The hub as devices run it: a real `edge-supervisor run` process, started with the launch profile
 * (test/supervisor/supervisor-process.ts applies it), its hub on a loopback port, and a deployment of
 * two modules, `producer` and `consumer`, with one route between them. The module containers run
 * (they idle); the load generator logs in with their identities, as their SDK would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../test/harness/processes.js';
import { TestSupervisor, ensureModuleImage, manifest } from '../../test/supervisor/supervisor-process.js';
import type { BrokerTarget } from './load.js';
import { moduleLogin, producerConsumerTopics } from './module-login.js';

const HOST = 'localhost';
const ROUTE = 'FROM /messages/modules/producer/outputs/out INTO BrokeredEndpoint("/modules/consumer/inputs/in")';

export interface RunningBroker {
  pid: number;
  target: BrokerTarget;
  stop(): Promise<void>;
}

export async function startSupervisorBroker(deviceId: string): Promise<RunningBroker> {
  await ensureModuleImage();
  const port = await freePort();
  const supervisor = new TestSupervisor(deviceId, ['--hub-listen', `127.0.0.1:${port}`, '--hub-host-name', HOST, '--resync-ms', '10000']);
  await supervisor.start();
  try {
    const deployment = JSON.parse(manifest({ producer: {}, consumer: {} })) as { modulesContent: { $edgeHub: { 'properties.desired': { routes: Record<string, string> } } } };
    deployment.modulesContent.$edgeHub['properties.desired'].routes = { r: ROUTE };
    const applied = await supervisor.client.apply(JSON.stringify(deployment));
    await supervisor.waitConverged(applied.deploymentId, 60_000);
    const hubDir = join(supervisor.stateDir, 'hub');
    const keys = JSON.parse(readFileSync(join(hubDir, 'identities.json'), 'utf8')) as Record<string, { primaryKey: string }>;
    const login = (moduleId: string) => moduleLogin(HOST, deviceId, moduleId, keys[moduleId]?.primaryKey ?? '');
    return {
      pid: supervisor.pid ?? -1,
      target: {
        port,
        caFile: join(hubDir, 'tls', 'ca.cert.pem'),
        producer: login('producer'),
        consumer: login('consumer'),
        ...producerConsumerTopics(deviceId),
      },
      stop: () => supervisor.destroy(),
    };
  } catch (error) {
    await supervisor.destroy();
    throw error;
  }
}
