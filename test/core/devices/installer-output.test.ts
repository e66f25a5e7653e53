/** The remote installer's answers read back: key=value lines (probe, activate) and the log tail. */
import t from 'tap';
import { parseKeyValues, parseLogTail } from '../../../src/core/devices/installer-output.js';

const keyValues: Array<[string, string, Array<[string, string]>]> = [
  ['activate output', 'changed=1\nmode=systemd-user\npid=4242\n', [['changed', '1'], ['mode', 'systemd-user'], ['pid', '4242']]],
  ['a value keeps its own "=" and loses trailing space', 'docker=error: a=b \n', [['docker', 'error: a=b']]],
  ['an empty value is kept', 'container=\n', [['container', '']]],
  ['lines without a key are ignored', 'noise\n=orphan\n\nhome=/home/pi\r\n', [['home', '/home/pi']]],
  ['nothing', '', []],
];
for (const [name, stdout, expected] of keyValues) t.same([...parseKeyValues(stdout)], expected, name);

const tails: Array<[string, string, { running: boolean; log: string[] }]> = [
  ['a running supervisor', 'pid=123\nstarted\n\nlistening\n', { running: true, log: ['started', 'listening'] }],
  ['no process', 'pid=\nError: boom\n  at main\n', { running: false, log: ['Error: boom', '  at main'] }],
  ['no log', 'pid=\n', { running: false, log: [] }],
  ['no answer', '', { running: false, log: [] }],
];
for (const [name, stdout, expected] of tails) t.same(parseLogTail(stdout), expected, name);
