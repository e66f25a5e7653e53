import t from 'tap';
import { deviceNetworkName } from '../../../src/core/hub/device-network.js';

t.test('a safe device id names its network directly', async (t) => {
  for (const id of ['local', 'dev1', 'factory-7.line_2', 'A1']) t.equal(deviceNetworkName(id), `edgectl-${id}`);
});

t.test('other ids get a cleaned prefix and a hash, distinct for distinct ids', async (t) => {
  const cases = ['my device', 'dev:1', 'dev@1', '-dash', '.dot', 'x'.repeat(80), 'dev(1)', 'dev%1'];
  const names = cases.map(deviceNetworkName);
  for (const name of names) t.match(name, /^edgectl-[a-zA-Z0-9_.-]{1,32}-[0-9a-f]{12}$/, name);
  t.equal(new Set(names).size, names.length, 'no two ids share a network');
  t.not(deviceNetworkName('dev:1'), deviceNetworkName('dev@1'), 'ids that clean up alike still differ');
  t.equal(deviceNetworkName('my device'), deviceNetworkName('my device'), 'stable across restarts');
});
