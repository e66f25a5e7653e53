/** withFallback: a connection that replays its request on a fallback when the first closes unanswered. */
import { Duplex, PassThrough } from 'node:stream';
import t from 'tap';
import { MAX_REPLAY_BYTES, withFallback } from '../../src/adapters/fallback-duplex.js';

/** A scripted peer: records what it is sent, and answers (or dies) as told once the request ends. */
function peer(behaviour: 'answer' | 'close' | 'error', answer = 'pong'): { stream: Duplex; received: () => string } {
  let received = '';
  const incoming = new PassThrough();
  const outgoing = new PassThrough();
  const stream = Duplex.from({ readable: outgoing, writable: incoming });
  incoming.on('data', (chunk: Buffer) => { received += chunk.toString(); });
  incoming.on('end', () => {
    if (behaviour === 'answer') outgoing.end(answer);
    else if (behaviour === 'close') outgoing.end();
    else stream.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  });
  return { stream, received: () => received };
}

async function exchange(stream: Duplex, request: string[]): Promise<string> {
  let text = '';
  const done = new Promise<string>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => { text += chunk.toString(); });
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
  for (const part of request) stream.write(part);
  stream.end();
  return done;
}

t.test('an answered primary is used as it is; the fallback is never opened', async (t) => {
  const primary = peer('answer');
  let opened = 0;
  const answer = await exchange(withFallback(primary.stream, async () => { opened++; return peer('answer', 'other').stream; }), ['pi', 'ng']);
  t.equal(answer, 'pong');
  t.equal(primary.received(), 'ping');
  t.equal(opened, 0);
});

for (const behaviour of ['close', 'error'] as const) {
  t.test(`a primary that ${behaviour}s without a byte: the request is replayed on the fallback`, async (t) => {
    const fallback = peer('answer', 'from fallback');
    const answer = await exchange(withFallback(peer(behaviour).stream, async () => fallback.stream), ['GET / HTTP/1.1\r\n', '\r\n']);
    t.equal(answer, 'from fallback');
    t.equal(fallback.received(), 'GET / HTTP/1.1\r\n\r\n', 'every byte written, in order');
  });
}

t.test('the fallback failing to open fails the connection with its error', async (t) => {
  const stream = withFallback(peer('close').stream, async () => { throw new Error('SUPERVISOR_NOT_INSTALLED'); });
  await t.rejects(exchange(stream, ['x']), /SUPERVISOR_NOT_INSTALLED/);
});

t.test('after the first byte, an early end is the answer, not a reason to fall back', async (t) => {
  let opened = 0;
  const answer = await exchange(withFallback(peer('answer', 'partial').stream, async () => { opened++; return peer('answer').stream; }), ['x']);
  t.equal(answer, 'partial');
  t.equal(opened, 0);
});

t.test('a request longer than the replay limit is not kept: a failure during it is reported, not replayed', async (t) => {
  let opened = 0;
  const big = 'x'.repeat(MAX_REPLAY_BYTES + 1);
  const stream = withFallback(peer('close').stream, async () => { opened++; return peer('answer').stream; });
  await t.rejects(exchange(stream, ['PUT /v1/images/load\r\n', big]), /closed the connection before answering/);
  t.equal(opened, 0, 'no second connection');
});
