/**
 * The hub inside a real edge-supervisor process, against the real Docker Engine: module containers get
 * the hub's environment, CA and host name and can complete a verified TLS handshake with it; a module
 * on the real Azure IoT Node SDK (run on the host) reports, answers a method and sends to $upstream,
 * which `edgectl twin`, `invoke` and `monitor` (their run functions, over the supervisor API) show.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOrThrow } from '../../harness/processes.js';
import { runInvoke } from '../../../src/cli/commands/invoke.js';
import { runMonitor } from '../../../src/cli/commands/monitor.js';
import { runTwin } from '../../../src/cli/commands/twin.js';
import type { UpstreamMessageView } from '../../../src/protocol/hub-api.js';
import { ensureModuleImage, FAST_BACKOFF, MODULE_IMAGE, SYSTEM_MODULES, TestSupervisor } from '../supervisor-process.js';
import { firstHostOf } from '../../../src/adapters/docker-networks.js';
import { spawnModule } from './hub-fixture.js';
import { ensureSdkImage } from './sdk-image.js';

// Inside the container: a TLS handshake with the hub, verified against the CA file the hub mounted.
const PROBE = `
const tls = require('tls'); const fs = require('fs');
const [host, port] = process.env.IOTEDGE_GATEWAYHOSTNAME.split(':');
const socket = tls.connect({ host, port: Number(port || 8883), servername: host, ca: fs.readFileSync(process.env.EdgeModuleCACertificateFile) }, () => {
  console.log('TLS-OK ' + host + ' authorized=' + socket.authorized + ' cs=' + (process.env.EdgeHubConnectionString || '').replace(/SharedAccessKey=[^;]+/, 'SharedAccessKey=…'));
  socket.end();
});
socket.on('error', (e) => console.log('TLS-FAILED ' + e.message));
setInterval(() => {}, 1000);
`;

t.test('the hub in the supervisor, end to end', async (t) => {
  await ensureModuleImage();
  const sdkImage = ensureSdkImage();
  const json = { contentType: 'application/json', contentEncoding: 'utf-8' };
  const script = (commands: unknown[]) => ({ SDK_MODULE_SCRIPT: { value: JSON.stringify(commands) } });
  const subnet = runOrThrow('docker', ['network', 'inspect', 'bridge', '-f', '{{(index .IPAM.Config 0).Subnet}}']).trim();
  const gateway = firstHostOf(subnet) ?? '172.17.0.1';
  const supervisor = new TestSupervisor(`hub-e2e-${process.pid}`, [...FAST_BACKOFF, '--hub-listen', `${gateway}:0`]);
  t.teardown(() => supervisor.destroy());
  await supervisor.start();
  const status = await supervisor.client.status();
  const port = status.hub?.listening.port ?? 0;
  t.ok(port > 0, `the hub listens (${gateway}:${port})`);

  const manifest = {
    modulesContent: {
      $edgeAgent: {
        'properties.desired': {
          schemaVersion: '1.1', runtime: { type: 'docker', settings: {} }, systemModules: SYSTEM_MODULES,
          modules: {
            probe: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: MODULE_IMAGE, createOptions: JSON.stringify({ Cmd: ['node', '-e', PROBE] }) } },
            sdk: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: MODULE_IMAGE, createOptions: '{}' } },
            // Real SDK modules in containers, on the environment the supervisor gave them.
            sender: {
              type: 'docker', status: 'running', restartPolicy: 'on-failure', settings: { image: sdkImage, createOptions: '{}' },
              env: script([{ op: 'send', output: 'out', body: '{"t":10}', ...json }, { op: 'send', output: 'out', body: '{"t":30}', ...json }]),
            },
            listener: {
              type: 'docker', status: 'running', restartPolicy: 'on-failure', settings: { image: sdkImage, createOptions: '{}' },
              env: script([{ op: 'report', patch: { state: 'up' } }, { op: 'on-method', name: 'ping', status: 200, reply: { pong: true } }]),
            },
          },
        },
      },
      $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: { up: 'FROM /messages/modules/sdk/outputs/* INTO $upstream', filtered: 'FROM /messages/modules/sender/outputs/out WHERE $body.t > 25 INTO $upstream' }, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
      sdk: { 'properties.desired': { threshold: 25 } },
    },
  };
  const applied = await supervisor.client.apply(manifest);
  await supervisor.waitConverged(applied.deploymentId, 60_000);
  let probeLog = '';
  for (let i = 0; i < 100 && !/TLS-(OK|FAILED)/.test(probeLog); i++) {
    probeLog = '';
    for await (const line of supervisor.client.logs('probe', {})) probeLog += `${line}\n`;
    if (!/TLS-(OK|FAILED)/.test(probeLog)) await new Promise((r) => setTimeout(r, 200));
  }
  t.match(probeLog, /TLS-OK edgehub authorized=true cs=HostName=edgehub;GatewayHostName=edgehub:\d+;DeviceId=hub-e2e-\d+;ModuleId=probe;SharedAccessKey=…/, 'the container reaches the hub by name and trusts its certificate');

  // The SDK module runs on the host with the key the supervisor made for module "sdk".
  const identities = JSON.parse(readFileSync(join(supervisor.stateDir, 'hub', 'identities.json'), 'utf8')) as Record<string, { primaryKey: string }>;
  const key = identities['sdk']?.primaryKey ?? '';
  const sdk = spawnModule('sdk', {
    EdgeHubConnectionString: `HostName=edgehub;GatewayHostName=${gateway}:${port};DeviceId=${supervisor.deviceId};ModuleId=sdk;SharedAccessKey=${key}`,
    EdgeModuleCACertificateFile: join(supervisor.stateDir, 'hub', 'tls', 'ca.cert.pem'),
    NODE_NO_WARNINGS: '1',
  });
  t.teardown(() => sdk.kill());
  await sdk.next((e) => e.event === 'open' || e.event === 'open-failed');
  t.equal(sdk.events[0]?.event, 'open', 'the SDK module connects');
  sdk.send({ op: 'report', patch: { state: 'ready' } });
  await sdk.next((e) => e.event === 'reported');
  const resolveDevice = async () => ({ name: 'test', client: supervisor.client });
  t.match(await runTwin({ module: 'sdk', device: 'test' }, { resolveDevice }), { module: 'sdk', desired: { threshold: 25 }, reported: { state: 'ready' } }, 'edgectl twin shows desired and reported');

  sdk.send({ op: 'on-method', name: 'reset', status: 200, reply: { ok: true } });
  await sdk.next((e) => e.event === 'method-ready');
  let invoked;
  for (let i = 0; i < 100 && invoked === undefined; i++) {
    invoked = await runInvoke({ module: 'sdk', method: 'reset', device: 'test', payload: { hard: true }, timeoutSeconds: 10 }, { resolveDevice }).catch(async (error: { code?: string }) => {
      if (error.code !== 'HUB_MODULE_NOT_CONNECTED') throw error;
      await new Promise((r) => setTimeout(r, 100)); // onMethod subscribes after it returns
      return undefined;
    });
  }
  t.match(invoked, { module: 'sdk', method: 'reset', status: 200, payload: { ok: true } }, 'edgectl invoke gets the module\'s answer');

  sdk.send({ op: 'send', output: 'out', body: '{"t":30}', properties: { kind: 'reading' } });
  await sdk.next((e) => e.event === 'sent');
  const messages: UpstreamMessageView[] = [];
  await runMonitor({ device: 'test', query: { module: 'sdk' } }, { resolveDevice, onMessage: (m) => messages.push(m) });
  t.match(messages, [{ module: 'sdk', body: '{"t":30}', applicationProperties: { kind: 'reading' }, systemProperties: { outputName: 'out' } }], 'edgectl monitor shows the $upstream message');
  t.match((await supervisor.client.status()).hub, { routes: 2 }, 'status carries the hub');

  // The containerised SDK modules: the sender's {"t":10} comes first on its connection, so once {"t":30}
  // is stored the WHERE has seen both.
  const fromSender: UpstreamMessageView[] = [];
  for (let i = 0; i < 300 && fromSender.length === 0; i++) {
    await runMonitor({ device: 'test', query: { module: 'sender' } }, { resolveDevice, onMessage: (m) => fromSender.push(m) });
    if (fromSender.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  t.same(fromSender.map((m) => m.body), ['{"t":30}'], 'a module in a container sends through the hub; the route filters');
  let reported: unknown;
  for (let i = 0; i < 300 && reported === undefined; i++) {
    reported = (await runTwin({ module: 'listener', device: 'test' }, { resolveDevice })).reported['state'];
    if (reported === undefined) await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(reported, 'up', 'its reported properties reach edgectl twin');
  let pong;
  for (let i = 0; i < 300 && pong === undefined; i++) {
    pong = await runInvoke({ module: 'listener', method: 'ping', device: 'test', payload: null, timeoutSeconds: 10 }, { resolveDevice }).catch(async (error: { code?: string }) => {
      if (error.code !== 'HUB_MODULE_NOT_CONNECTED') throw error;
      await new Promise((r) => setTimeout(r, 100));
      return undefined;
    });
  }
  t.match(pong, { status: 200, payload: { pong: true } }, 'and edgectl invoke reaches its method handler');
});
