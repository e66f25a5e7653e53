import { spawnSync } from 'node:child_process';
import t from 'tap';
import { quoteShellArgument, quoteShellCommand } from '../../../src/core/devices/shell-quote.js';

const cases: Array<[string, string]> = [
  ['dial-stdio', 'dial-stdio'],
  ['.local/share/edgectl/bin/edge-supervisor', '.local/share/edgectl/bin/edge-supervisor'],
  ['', "''"],
  ['a b', "'a b'"],
  ["it's", "'it'\\''s'"],
  ['$(touch /tmp/x)', "'$(touch /tmp/x)'"],
  ['`id`', "'`id`'"],
  ['a;b', "'a;b'"],
  ['~', "'~'"],
  ['*', "'*'"],
  ['line\nbreak', "'line\nbreak'"],
];
for (const [input, expected] of cases) t.equal(quoteShellArgument(input), expected, `quotes ${JSON.stringify(input)}`);

t.throws(() => quoteShellArgument('a\0b'), /NUL/);

// The real check: a POSIX shell splits the quoted line back into exactly the original argv.
const hostile = ['plain', '', ' ', "'", "''", '"', '\\', '$HOME', '$(touch /tmp/edgectl-quote-marker)', '`touch /tmp/edgectl-quote-marker`',
  'a;touch /tmp/edgectl-quote-marker', 'new\nline', 'tab\there', '*', '?', '~root', '!', '#comment', '-n', '--', 'ünï', "a'b\"c$d`e\\f"];
const line = quoteShellCommand(['printf', '%s\\0', ...hostile]);
const result = spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
t.equal(result.status, 0);
t.same(result.stdout.split('\0').slice(0, -1), hostile, 'sh reads back the same argv');
t.notOk(spawnSync('test', ['-e', '/tmp/edgectl-quote-marker']).status === 0, 'no marker was created');
