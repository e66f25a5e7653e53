/**
 * ForwardedSupervisor's choices, with a fake transport: when it forwards, when it goes straight to
 * dial-stdio, and what it remembers of the device's socket path (the real thing is in test/devices).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { PassThrough, type Duplex } from 'node:stream';
import t from 'tap';
import type { SshTransport } from '../../src/adapters/ssh.js';
import { ForwardedSupervisor } from '../../src/adapters/supervisor-forward.js';
import { FORWARD_RETRY_MS, SupervisorSocketCache } from '../../src/adapters/supervisor-socket-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'edgectl-fwd-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
let device = 0;

function fake(answer: string): { transport: SshTransport; cache: SupervisorSocketCache; calls: string[]; stdio: () => Promise<Duplex> } {
  const cache = new SupervisorSocketCache(join(dir, `c-${++device}`), { destination: { host: `h${device}` } });
  const calls: string[] = [];
  const transport = {
    label: 'd', connectTimeoutSeconds: 1, socketCache: cache,
    run: async () => { calls.push('run'); return { exitCode: 0, stdout: answer, stderr: '' }; },
    forward: async () => { calls.push('forward'); return false; },
  } as unknown as SshTransport;
  return { transport, cache, calls, stdio: async () => { calls.push('dial-stdio'); return new PassThrough(); } };
}

t.test('a home ssh cannot forward (a space): remembered, and reached through dial-stdio without asking again', async (t) => {
  const { transport, cache, calls, stdio } = fake('socket=/home/a b/.local/state/edgectl/supervisor.sock\n');
  await new ForwardedSupervisor(transport, stdio).connect();
  t.same(calls, ['run', 'dial-stdio']);
  t.same(cache.read(), { remoteSocket: '/home/a b/.local/state/edgectl/supervisor.sock' });
  calls.length = 0;
  await new ForwardedSupervisor(transport, stdio).connect();
  t.same(calls, ['dial-stdio'], 'the next edgectl neither asks nor forwards');
});

t.test('a refusal is remembered for a while, then forwarding is tried again', async (t) => {
  const now = 1_000_000_000;
  const { transport, cache, calls, stdio } = fake('');
  cache.write({ remoteSocket: join(dir, 'remote.sock'), forwardRefusedAt: now - 1000 });
  await new ForwardedSupervisor(transport, stdio, () => now).connect();
  t.same(calls, ['dial-stdio'], 'refused a second ago: straight to dial-stdio');
  calls.length = 0;
  await new ForwardedSupervisor(transport, stdio, () => now + FORWARD_RETRY_MS).connect();
  t.same(calls, ['forward', 'dial-stdio'], 'later: the forward is tried (here ssh will not set it up, so dial-stdio)');
});

t.test('what is not a path a device would report is not trusted from the cache', async (t) => {
  const { transport, cache, calls, stdio } = fake('socket=/home/pi/.local/state/edgectl/supervisor.sock\n');
  cache.write({ remoteSocket: 'relative/supervisor.sock' });
  t.equal(cache.read(), undefined);
  cache.remember('/home/pi/x\nsock');
  t.equal(cache.read(), undefined, 'a path with a newline is not remembered');
  await new ForwardedSupervisor(transport, stdio).connect();
  t.equal(calls[0], 'run', 'the path is asked again');
  t.same(cache.read(), { remoteSocket: '/home/pi/.local/state/edgectl/supervisor.sock' });
});

t.test('a forward that closes once without answering is tried again before dial-stdio, and nothing is concluded', async (t) => {
  const { transport, cache, calls, stdio } = fake('');
  const remoteSocket = join(dir, 'supervisor.sock');
  cache.write({ remoteSocket });
  // Stands in for the master's forward: the first connection is closed unanswered (the device refused
  // it for a moment), the second answers what it was sent.
  let connections = 0;
  const forward = createServer((socket) => {
    if (++connections === 1) { socket.destroy(); return; }
    socket.once('data', (request: Buffer) => socket.end(`answer to ${request.toString()}`));
  });
  await new Promise<void>((resolve) => forward.listen(cache.localSocketFor(remoteSocket), resolve));
  t.teardown(() => forward.close());
  const connection = await new ForwardedSupervisor(transport, stdio).connect();
  connection.end('GET /v1/status');
  let answer = '';
  for await (const chunk of connection) answer += String(chunk);
  t.equal(answer, 'answer to GET /v1/status', 'the request was replayed on the second try');
  t.equal(connections, 2);
  t.same(calls, [], 'neither dial-stdio nor a question to the device');
  t.same(cache.read(), { remoteSocket }, 'and no refusal remembered');
});
