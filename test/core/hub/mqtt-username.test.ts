import t from 'tap';
import { parseModuleUsername } from '../../../src/core/hub/mqtt-username.js';

const cases: [string, string, { deviceId: string; moduleId: string } | RegExp][] = [
  ['Node SDK', 'hub/dev1/mod1/?api-version=2021-04-12&DeviceClientType=azure-iot-device%2F1.18.4', { deviceId: 'dev1', moduleId: 'mod1' }],
  ['no leading ?', 'hub/dev1/mod1/api-version=2018-06-30', { deviceId: 'dev1', moduleId: 'mod1' }],
  ['model id', 'hub/dev1/mod1/?api-version=2021-04-12&model-id=dtmi:x;1', { deviceId: 'dev1', moduleId: 'mod1' }],
  ['device identity', 'hub/dev1/?api-version=2021-04-12', /module/],
  ['no api-version', 'hub/dev1/mod1/?DeviceClientType=x', /api-version/],
  ['no properties', 'hub/dev1/mod1', /api-version/],
  ['empty module', 'hub/dev1//?api-version=1', /module/],
];
for (const [name, username, want] of cases) {
  t.test(name, async (t) => {
    const result = parseModuleUsername(username);
    if (want instanceof RegExp) {
      t.equal(result.ok, false);
      if (!result.ok) t.match(result.reason, want);
    } else {
      t.match(result, { ok: true, value: want });
    }
  });
}

t.test('properties are URL-decoded', async (t) => {
  const result = parseModuleUsername('hub/d/m/?api-version=1&DeviceClientType=a%2Fb%20c');
  t.equal(result.ok && result.value.properties['DeviceClientType'], 'a/b c');
});
