/**
 * Docker's log stream for a container without a TTY is multiplexed: each frame is an 8-byte header
 * (stream type, 3 zero bytes, big-endian length) then the payload. This Transform yields only the
 * payloads, stdout and stderr interleaved in the order Docker sent them.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER = 8;

export function demuxDockerStream(): Transform {
  let pending: Buffer = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= HEADER) {
        const length = pending.readUInt32BE(4);
        if (pending.length < HEADER + length) break;
        this.push(pending.subarray(HEADER, HEADER + length));
        pending = pending.subarray(HEADER + length);
      }
      done();
    },
    flush(done: TransformCallback) {
      // A truncated last frame still carries text the user wants to see.
      if (pending.length > HEADER) this.push(pending.subarray(HEADER));
      done();
    },
  });
}
