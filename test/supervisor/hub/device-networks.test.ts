/**
 * Two supervisors with different device ids on one Docker Engine: each makes and keeps its own bridge
 * network, its hub listens on that network's gateway at the SDK port 8883, and a module container of
 * each completes a TLS handshake with `edgehub:8883` verified against its own device's CA (and fails
 * against the other device's). A module on the host network keeps its choice and reaches its hub by
 * address. A restarted supervisor reuses its network and recreates nothing.
 */
import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { runOrThrow } from '../../harness/processes.js';
import { deviceNetworkName } from '../../../src/core/hub/device-network.js';
import { deviceContainers, ensureModuleImage, manifest, TestSupervisor, uniqueDeviceId } from '../supervisor-process.js';

// Inside the container: one TLS handshake with the hub (at PROBE_ADDRESS when set, else the gateway host
// name) verified against the CA file given (the device's own, unless PROBE_CA names another).
const PROBE = `
const tls = require('tls'); const fs = require('fs');
const host = process.env.IOTEDGE_GATEWAYHOSTNAME.split(':')[0];
const ca = fs.readFileSync(process.env.PROBE_CA || process.env.EdgeModuleCACertificateFile);
const socket = tls.connect({ host: process.env.PROBE_ADDRESS || host, port: 8883, servername: host, ca }, () => {
  console.log('TLS-OK ' + host + ' authorized=' + socket.authorized); socket.end();
});
socket.on('error', (e) => console.log('TLS-FAILED ' + e.message));
setInterval(() => {}, 1000);
`;
const probe = (env: Record<string, string> = {}, createOptions: Record<string, unknown> = {}) => ({ env, createOptions: { Cmd: ['node', '-e', PROBE], ...createOptions } });

async function probeResult(supervisor: TestSupervisor, module: string): Promise<string> {
  for (let i = 0; i < 150; i++) {
    let log = '';
    for await (const line of supervisor.client.logs(module, {})) log += `${line}\n`;
    const found = /TLS-(OK|FAILED).*/.exec(log);
    if (found !== null) return found[0];
    await sleep(200);
  }
  return 'no result';
}

const inspect = (container: string, format: string): string => runOrThrow('docker', ['inspect', '-f', format, container]).trim();

t.test('two supervisors on one engine each run their hub on their own network', async (t) => {
  await ensureModuleImage();
  const a = new TestSupervisor(uniqueDeviceId('net-a'));
  const b = new TestSupervisor(uniqueDeviceId('net-b'));
  t.teardown(async () => { await a.destroy(); await b.destroy(); });
  await a.start();
  await b.start();
  const [statusA, statusB] = [await a.client.status(), await b.client.status()];
  t.equal(statusA.hub?.listening.port, 8883, `hub of ${a.deviceId} runs on 8883 (${a.log.trim().split('\n').filter((l) => /hub|warning/.test(l)).join(' | ')})`);
  t.equal(statusB.hub?.listening.port, 8883, `hub of ${b.deviceId} runs on 8883 (${b.log.trim().split('\n').filter((l) => /hub|warning/.test(l)).join(' | ')})`);
  t.not(statusA.hub?.listening.host, statusB.hub?.listening.host, 'on different addresses');
  for (const [supervisor, status] of [[a, statusA], [b, statusB]] as const) {
    const network = deviceNetworkName(supervisor.deviceId);
    t.equal(runOrThrow('docker', ['network', 'inspect', '-f', '{{index .Labels "dev.edgectl.device-id"}}', network]).trim(), supervisor.deviceId, `${network} is labelled with its device`);
    t.equal(status.hub?.listening.host, runOrThrow('docker', ['network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}}', network]).trim(), 'the hub listens on its gateway');
  }

  const caOf = (s: TestSupervisor) => `${s.stateDir}/hub/tls/ca.cert.pem`;
  const otherCa = '/etc/edgectl/other-ca.pem';
  const appliedA = await a.client.apply(JSON.parse(manifest({
    probe: probe(),
    // Verifying against the other device's CA must fail: each device has its own.
    stranger: probe({ PROBE_CA: otherCa }, { HostConfig: { Binds: [`${caOf(b)}:${otherCa}:ro`] } }),
    hostnet: probe({ PROBE_ADDRESS: statusA.hub?.listening.host ?? '' }, { HostConfig: { NetworkMode: 'host' } }),
  })) as object);
  const appliedB = await b.client.apply(JSON.parse(manifest({ probe: probe() })) as object);
  await a.waitConverged(appliedA.deploymentId, 60_000);
  await b.waitConverged(appliedB.deploymentId, 60_000);

  t.equal(await probeResult(a, 'probe'), 'TLS-OK edgehub authorized=true', `a module of ${a.deviceId} reaches its hub at edgehub:8883`);
  t.equal(await probeResult(b, 'probe'), 'TLS-OK edgehub authorized=true', `a module of ${b.deviceId} reaches its hub at edgehub:8883`);
  t.match(await probeResult(a, 'stranger'), /^TLS-FAILED/, 'the other device\'s CA does not verify this hub');
  t.equal(await probeResult(a, 'hostnet'), 'TLS-OK edgehub authorized=true', 'a host-network module reaches the hub by its address');

  const containerA = `${a.deviceId}.probe`;
  t.equal(inspect(containerA, '{{.HostConfig.NetworkMode}}'), deviceNetworkName(a.deviceId), 'modules join the device network');
  t.match(inspect(containerA, `{{json (index .NetworkSettings.Networks "${deviceNetworkName(a.deviceId)}").Aliases}}`), /"probe"/, 'reachable by module name');
  t.equal(inspect(`${a.deviceId}.hostnet`, '{{.HostConfig.NetworkMode}}'), 'host', 'a module that chose the host network keeps it');

  // A restart reuses the network and its address, so the config hashes stay and nothing is recreated.
  const before = deviceContainers(a.deviceId).map((c) => c.id).sort();
  await a.stop();
  await a.start();
  t.equal((await a.client.status()).hub?.listening.host, statusA.hub?.listening.host, 'same gateway after a restart');
  await sleep(3000); // three resyncs
  await a.waitConverged(appliedA.deploymentId, 30_000);
  t.same(deviceContainers(a.deviceId).map((c) => c.id).sort(), before, 'no container was recreated');
});

t.test('containers made on the default bridge move onto the device network once', async (t) => {
  await ensureModuleImage();
  const deviceId = uniqueDeviceId('net-move');
  const gateway = runOrThrow('docker', ['network', 'inspect', 'bridge', '-f', '{{range .IPAM.Config}}{{.Gateway}}{{end}}']).trim() || '172.17.0.1';
  // As before device networks: the hub on the default bridge, its modules there too.
  const old = new TestSupervisor(deviceId, ['--backoff-unit-ms', '200', '--resync-ms', '1000', '--stop-timeout', '1', '--hub-listen', `${gateway}:0`]);
  t.teardown(() => old.destroy());
  await old.start();
  const applied = await old.client.apply(JSON.parse(manifest({ probe: probe() })) as object);
  await old.waitConverged(applied.deploymentId, 60_000);
  const [first] = deviceContainers(deviceId);
  t.equal(inspect(first?.id ?? '', '{{.HostConfig.NetworkMode}}'), 'default', 'made on the default bridge');
  await old.stop();

  const upgraded = new TestSupervisor(deviceId, undefined, old.stateDir);
  t.teardown(() => upgraded.destroy());
  await upgraded.start();
  const moved = await upgraded.waitFor('the module to move', (s) => s.modules.some((m) => m.name === 'probe' && m.runtimeStatus === 'running' && m.containerId !== first?.id));
  const probeId = moved.modules.find((m) => m.name === 'probe')?.containerId ?? '';
  t.equal(inspect(probeId, '{{.HostConfig.NetworkMode}}'), deviceNetworkName(deviceId), 'recreated on the device network');
  t.equal(await probeResult(upgraded, 'probe'), 'TLS-OK edgehub authorized=true', 'and reaches the hub there');
  await sleep(3000); // three resyncs
  t.same(deviceContainers(deviceId).map((c) => c.id), [probeId], 'once: no further recreation');
});

t.test('a network of the device\'s name that is not the device\'s is never taken over', async (t) => {
  await ensureModuleImage();
  const deviceId = uniqueDeviceId('net-taken');
  const name = deviceNetworkName(deviceId);
  runOrThrow('docker', ['network', 'create', name]);
  t.teardown(() => { runOrThrow('docker', ['network', 'rm', name]); });
  const supervisor = new TestSupervisor(deviceId);
  t.teardown(() => supervisor.destroy());
  await supervisor.start();
  const status = await supervisor.client.status();
  t.match(status.warnings.join('\n'), new RegExp(`the device network ${name} is not available \\(.*not this device's`), 'says why, and falls back to the default bridge');
  t.equal(runOrThrow('docker', ['network', 'inspect', '-f', '{{json .Labels}}', name]).trim(), '{}', 'the network is left as it was');
});
