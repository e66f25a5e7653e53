/** shipImages with a scripted device: what it sends, what it skips, and a load that went wrong. */
import t from 'tap';
import { Readable } from 'node:stream';
import { shipImages, type ShipDeps } from '../../src/cli/image-shipping.js';

function device(has: Record<string, string>, loads: (name: string) => string[] = (name) => [name]): ShipDeps & { received: Map<string, string> } {
  const received = new Map<string, string>();
  let sending = '';
  return {
    received,
    onProgress: () => undefined,
    saveImage: async (name) => { sending = name; return Readable.from([Buffer.from(`tar of ${name}`)]); },
    device: {
      image: async (reference) => (has[reference] === undefined ? undefined : { reference, id: has[reference] }),
      loadImages: async (tar) => {
        const chunks: Buffer[] = [];
        for await (const chunk of tar) chunks.push(chunk as Buffer);
        received.set(sending, Buffer.concat(chunks).toString());
        return { loaded: loads(sending) };
      },
    },
  };
}

t.test('sends what the device lacks or has in another build, skips what it has', async (t) => {
  const deps = device({ 'a:1': 'sha256:aaa', 'b:1': 'sha256:old' });
  const shipped = await shipImages([{ image: 'a:1', imageId: 'sha256:aaa' }, { image: 'b:1', imageId: 'sha256:new' }, { image: 'c:1', imageId: 'sha256:ccc' }], deps);
  t.same(shipped.map((s) => [s.image, s.sent]), [['a:1', false], ['b:1', true], ['c:1', true]]);
  t.same([...deps.received.keys()], ['b:1', 'c:1']);
  t.equal(deps.received.get('c:1'), 'tar of c:1', 'the whole stream arrived');
  t.equal(shipped[2]?.bytes, 'tar of c:1'.length);
});

t.test('a device that loaded something else is an error naming both', async (t) => {
  await t.rejects(shipImages([{ image: 'a:1', imageId: 'sha256:aaa' }], device({}, () => ['sha256:1234'])), { code: 'IMAGE_SEND_FAILED', message: /loaded sha256:1234 instead of a:1/ });
});
