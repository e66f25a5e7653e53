import t from 'tap';
import { attachHub } from '../../../src/core/hub/attach-hub.js';
import type { DesiredModule } from '../../../src/core/deployment/desired-module.js';

const module = (name: string, createOptions: Record<string, unknown> = {}, env: Record<string, string> = {}): DesiredModule => ({
  name, image: `${name}:1`, version: '1', status: 'running', restartPolicy: 'always', imagePullPolicy: 'on-create', startupOrder: 1, env, createOptions,
});
const hub = {
  env: (m: string) => ({ EdgeHubConnectionString: `ModuleId=${m}`, EdgeModuleCACertificateFile: '/etc/edgectl/hub-ca.pem' }),
  caFile: '/var/lib/edge-supervisor/hub/tls/ca.cert.pem',
  caPathInContainer: '/etc/edgectl/hub-ca.pem',
  extraHosts: ['edgehub:172.17.0.1'],
};

t.test('env, a read-only CA mount and the hub name, beside what the module asked for', async (t) => {
  const out = attachHub({ modules: [module('a', { HostConfig: { Binds: ['/data:/data'], ExtraHosts: ['db:10.0.0.2'] } }, { X: '1' })], registryCredentials: [], systemModules: [], warnings: [] }, hub);
  t.same(out.modules[0]?.env, { X: '1', EdgeHubConnectionString: 'ModuleId=a', EdgeModuleCACertificateFile: '/etc/edgectl/hub-ca.pem' });
  t.same(out.modules[0]?.createOptions, { HostConfig: { Binds: ['/data:/data', '/var/lib/edge-supervisor/hub/tls/ca.cert.pem:/etc/edgectl/hub-ca.pem:ro'], ExtraHosts: ['db:10.0.0.2', 'edgehub:172.17.0.1'] } });
});

t.test('idempotent, and no host mapping on the host network', async (t) => {
  const once = attachHub({ modules: [module('a'), module('h', { HostConfig: { NetworkMode: 'host' } })], registryCredentials: [], systemModules: [], warnings: [] }, hub);
  const twice = attachHub(once, hub);
  t.same(twice, once);
  t.same(once.modules[1]?.createOptions, { HostConfig: { NetworkMode: 'host', Binds: ['/var/lib/edge-supervisor/hub/tls/ca.cert.pem:/etc/edgectl/hub-ca.pem:ro'] } });
});
