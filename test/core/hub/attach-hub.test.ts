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

const onNetwork = { ...hub, network: 'edgectl-dev1' };
const deployment = (modules: DesiredModule[]) => ({ modules, registryCredentials: [], systemModules: [], warnings: [] });

t.test('modules join the device network, reachable by module name, with the hub name mapped', async (t) => {
  const out = attachHub(deployment([module('a')]), onNetwork);
  t.same(out.modules[0]?.createOptions, {
    HostConfig: { Binds: ['/var/lib/edge-supervisor/hub/tls/ca.cert.pem:/etc/edgectl/hub-ca.pem:ro'], ExtraHosts: ['edgehub:172.17.0.1'], NetworkMode: 'edgectl-dev1' },
    NetworkingConfig: { EndpointsConfig: { 'edgectl-dev1': { Aliases: ['a'] } } },
  });
  t.same(attachHub(out, onNetwork), out, 'idempotent: the config hash does not move from one pass to the next');
  t.notSame(out.modules[0]?.createOptions, attachHub(deployment([module('a')]), hub).modules[0]?.createOptions, 'a container made without the network differs, so it is recreated once');
});

t.test('a network the module chose stands', async (t) => {
  const chosen = [
    module('h', { HostConfig: { NetworkMode: 'host' } }),
    module('b', { HostConfig: { NetworkMode: 'bridge' } }),
    module('n', { HostConfig: { NetworkMode: 'mine' }, NetworkingConfig: { EndpointsConfig: { mine: { Aliases: ['x'] } } } }),
    module('e', { NetworkingConfig: { EndpointsConfig: { other: {} } } }),
  ];
  const out = attachHub(deployment(chosen), onNetwork);
  t.same(out.modules.map((m) => (m.createOptions['HostConfig'] as Record<string, unknown>)['NetworkMode']), ['host', 'bridge', 'mine', undefined]);
  t.same(out.modules.map((m) => m.createOptions['NetworkingConfig']), [undefined, undefined, { EndpointsConfig: { mine: { Aliases: ['x'] } } }, { EndpointsConfig: { other: {} } }]);
  t.same(out.modules.map((m) => (m.createOptions['HostConfig'] as Record<string, unknown>)['ExtraHosts']), [undefined, ['edgehub:172.17.0.1'], ['edgehub:172.17.0.1'], ['edgehub:172.17.0.1']], 'bridged modules still get the hub name');
  t.same(attachHub(out, onNetwork), out);
});

t.test('the device network named explicitly keeps the module\'s endpoint settings', async (t) => {
  const out = attachHub(deployment([module('a', { HostConfig: { NetworkMode: 'edgectl-dev1' }, NetworkingConfig: { EndpointsConfig: { 'edgectl-dev1': { Aliases: ['api'] } } } })]), onNetwork);
  t.same(out.modules[0]?.createOptions['NetworkingConfig'], { EndpointsConfig: { 'edgectl-dev1': { Aliases: ['api', 'a'] } } });
});
