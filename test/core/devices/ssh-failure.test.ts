import t from 'tap';
import { classifySshFailure } from '../../../src/core/devices/ssh-failure.js';

const changed = `@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r
IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\r
Someone could be eavesdropping on you right now (man-in-the-middle attack)!\r
It is also possible that a host key has just been changed.\r
The fingerprint for the ED25519 key sent by the remote host is\nSHA256:3j1Qn0m0f5Xh0JYl9p3Q7o2X3c2v0bHk1pQe7hLkO6w.\r
Please contact your system administrator.\r
Add correct host key in /tmp/kh to get rid of this message.\r
Offending ED25519 key in /tmp/kh:1\r
Host key for [127.0.1.5]:2222 has changed and you have requested strict checking.\r
Host key verification failed.\r
`;

const rows: Array<[string, number, string, string | undefined]> = [
  ['refused', 255, 'ssh: connect to host 127.0.1.9 port 2222: Connection refused', 'DEVICE_UNREACHABLE'],
  ['timeout', 255, 'ssh: connect to host 10.255.0.1 port 22: Connection timed out', 'DEVICE_UNREACHABLE'],
  ['no route', 255, 'ssh: connect to host 10.0.0.9 port 22: No route to host', 'DEVICE_UNREACHABLE'],
  ['dns', 255, 'ssh: Could not resolve hostname nosuch: Name or service not known', 'DEVICE_UNREACHABLE'],
  ['reset', 255, 'kex_exchange_identification: read: Connection reset by peer', 'DEVICE_UNREACHABLE'],
  ['banner timeout', 255, 'Connection timed out during banner exchange', 'DEVICE_UNREACHABLE'],
  ['auth', 255, 'edgedev5@127.0.1.5: Permission denied (publickey).', 'SSH_AUTH_FAILED'],
  ['unknown key', 255, 'No ED25519 host key is known for [127.0.1.5]:2222 and you have requested strict checking.\r\nHost key verification failed.', 'HOST_KEY_UNKNOWN'],
  ['changed key', 255, changed, 'HOST_KEY_CHANGED'],
  ['other 255', 255, 'mux_client_request_session: something odd', 'SSH_FAILED'],
  ['remote exit 1 is not ssh', 1, 'whatever', undefined],
  ['remote exit 127 is not ssh', 127, 'sh: 1: x: not found', undefined],
];
for (const [name, exitCode, stderr, code] of rows) {
  t.equal(classifySshFailure({ exitCode, stderr }, 'dev')?.code, code, name);
}

const error = classifySshFailure({ exitCode: 255, stderr: changed }, 'dev');
t.match(error?.message, /SHA256:3j1Qn0m0f5Xh0JYl9p3Q7o2X3c2v0bHk1pQe7hLkO6w/, 'the fingerprint is shown');
t.notMatch(error?.message, /SHA256:\S+\.\s/, 'without the trailing full stop of ssh');
t.match(error?.hint, /ssh-keygen -R/);
t.match(error?.details, { fingerprint: 'SHA256:3j1Qn0m0f5Xh0JYl9p3Q7o2X3c2v0bHk1pQe7hLkO6w', knownHosts: '/tmp/kh:1' });
t.match(classifySshFailure({ exitCode: 255, stderr: 'No ED25519 host key is known for x' }, 'dev')?.hint, /--accept-new-host-key/);
