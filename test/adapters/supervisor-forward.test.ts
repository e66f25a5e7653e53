/**
 * ForwardedSupervisor's choices, with a fake transport: when it forwards, when it goes straight to
 * dial-stdio, and what it remembers of the device's socket path (the real thing is in test/devices).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
