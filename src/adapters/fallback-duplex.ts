/**
 * A connection that can still change its mind: it starts on `primary` and keeps a copy of what was
 * written until the first byte comes back. If `primary` ends or fails before answering anything, the
 * copy is replayed on the connection `fallback()` opens, and the reader never notices.
 *
 * Why: a forwarded unix socket accepts every connect, because the ssh master listens locally; only
 * then does the master ask the device to connect to the supervisor socket, and if the device refuses
 * (forwarding disabled in sshd, the socket moved, the supervisor restarting) the master just closes
 * the connection. No byte arrived, so nothing reached the supervisor, and the request is safe to resend.
 * Only a request's first MAX_REPLAY_BYTES are kept: a longer upload (an image sent to the device) is
 * not held in memory, and a failure during it is reported instead of replayed.
 */
import { Duplex } from 'node:stream';

export const MAX_REPLAY_BYTES = 1024 * 1024;

export function withFallback(primary: Duplex, fallback: () => Promise<Duplex>): Duplex {
  let current = primary;
  let answered = false;
  let switching: Promise<void> | undefined;
  let switched = false;
  let ended = false;
  const sent: Buffer[] = [];
  let sentBytes = 0;
  let replayable = true;

  const outer = new Duplex({
    write(chunk: Buffer, _encoding, callback) {
      if (!answered && replayable) {
        sentBytes += chunk.length;
        if (sentBytes <= MAX_REPLAY_BYTES) sent.push(chunk);
        else { replayable = false; sent.length = 0; }
      }
      const target = current;
      const write = (): void => { target.write(chunk, () => callback()); };
      // While switching, the chunk is already in `sent` and is replayed with the rest.
      if (switching !== undefined) switching.then(() => callback(), callback);
      else write();
    },
    final(callback) {
      ended = true;
      if (switching !== undefined) switching.then(() => callback(), callback);
      else { current.end(); callback(); }
    },
    read() {
      current.resume();
    },
    destroy(error, callback) {
      current.destroy();
      callback(error);
    },
  });

  const attach = (stream: Duplex, isPrimary: boolean): void => {
    stream.on('data', (chunk: Buffer) => {
      if (stream !== current) return;
      answered = true;
      sent.length = 0;
      if (!outer.push(chunk)) stream.pause();
    });
    const gone = (error?: Error): void => {
      if (stream !== current || (isPrimary && switched)) return;
      if (isPrimary && !answered && replayable && !outer.destroyed) { switchOver(); return; }
      if (isPrimary && !answered && error === undefined) { outer.destroy(new Error('the device closed the connection before answering')); return; }
      if (error !== undefined) outer.destroy(error);
      else outer.push(null);
    };
    stream.on('end', () => gone());
    stream.on('error', (error: Error) => gone(error));
    stream.on('close', () => { if (stream === current && !stream.readableEnded) gone(); });
  };

  const switchOver = (): void => {
    switched = true;
    primary.destroy();
    switching = fallback().then((next) => {
      if (outer.destroyed) { next.destroy(); return; }
      current = next;
      attach(next, false);
      for (const chunk of sent) next.write(chunk);
      if (ended) next.end();
      switching = undefined;
    }, (error: unknown) => { outer.destroy(error instanceof Error ? error : new Error(String(error))); });
  };

  attach(primary, true);
  return outer;
}
