import t from 'tap';
import { parseDeviceSpec } from '../../../src/core/devices/device-spec.js';
import { isEdgeError } from '../../../src/core/errors.js';

const accepted: Array<[string, unknown]> = [
  ['local', { kind: 'local' }],
  ['pi', { kind: 'named', raw: 'pi', destination: { host: 'pi' } }],
  ['device-12', { kind: 'named', raw: 'device-12', destination: { host: 'device-12' } }],
  ['pi@10.0.0.5', { kind: 'named', raw: 'pi@10.0.0.5', destination: { user: 'pi', host: '10.0.0.5' } }],
  ['pi@10.0.0.5:2222', { kind: 'named', raw: 'pi@10.0.0.5:2222', destination: { user: 'pi', host: '10.0.0.5', port: 2222 } }],
  ['edge.example.com:22', { kind: 'named', raw: 'edge.example.com:22', destination: { host: 'edge.example.com', port: 22 } }],
  ['root@[::1]:2200', { kind: 'named', raw: 'root@[::1]:2200', destination: { user: 'root', host: '::1', port: 2200 } }],
  ['[fe80::1%eth0]', { kind: 'named', raw: '[fe80::1%eth0]', destination: { host: 'fe80::1%eth0' } }],
  ['first.last@host_1', { kind: 'named', raw: 'first.last@host_1', destination: { user: 'first.last', host: 'host_1' } }],
];

for (const [raw, expected] of accepted) {
  t.same(parseDeviceSpec(raw), expected, `accepts ${JSON.stringify(raw)}`);
}

const refused: Array<[string, RegExp]> = [
  ['', /empty/],
  ['d;touch /tmp/x', /";"/],
  ['d $(touch /tmp/x)', /whitespace/],
  ['d$(touch${IFS}/tmp/x)', /"\$"/],
  ['-oProxyCommand=touch /tmp/x', /starts with "-"/],
  ['-oProxyCommand=touch', /starts with "-"/],
  ['d`touch /tmp/x`', /"`"/],
  ['d\ntouch /tmp/x', /control character/],
  ['d\rx', /control character/],
  ['d\u0000x', /control character/],
  ['d\tx', /control character/],
  ['d\u00a0x', /whitespace/],
  ['d|id', /"\|"/],
  ['d&&id', /"&"/],
  ["d'x'", /"'"/],
  ['d"x"', /"\\""/],
  ['d>x', /">"/],
  ['~/x', /"~"/],
  ['d\\x', /"\\\\"/],
  ['pi@', /host name/],
  ['@host', /user name/],
  ['-@host', /starts with "-"/],
  ['pi@-ohost', /host name/],
  ['host:0', /port/],
  ['host:70000', /port/],
  ['host:22x', /port/],
  ['host:', /port/],
  ['[::1', /not closed/],
  ['[::1]x', /":port"/],
  ['[abc-def]', /IPv6/],
  ['x'.repeat(256), /255/],
  ['dévice', /"é"/],
];

for (const [raw, reason] of refused) {
  t.test(`refuses ${JSON.stringify(raw)}`, async (t) => {
    try {
      parseDeviceSpec(raw);
      t.fail('accepted');
    } catch (error) {
      t.ok(isEdgeError(error));
      if (!isEdgeError(error)) return;
      t.equal(error.code, 'DEVICE_INVALID');
      t.equal(error.exitCode, 2);
      t.match(error.message, reason);
      t.match(error.hint ?? '', /user@host/);
      t.notMatch(error.message, /\n/, 'the message stays on one line');
    }
  });
}
