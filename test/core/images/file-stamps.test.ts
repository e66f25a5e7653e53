import t from 'tap';
import { isRememberable, parseStampCache, RACY_WINDOW_NS, reusableDigest, serializeStampCache, type FileStamp } from '../../../src/core/images/file-stamps.js';

const stamp: FileStamp = { size: 10, mtimeNs: '1700000000000000000', ctimeNs: '1700000000000000000', ino: '42', mode: 0o100644 };
const remembered = { ...stamp, sha256: 'f'.repeat(64) };

t.equal(reusableDigest(remembered, stamp), remembered.sha256, 'an unchanged stamp keeps its hash');
t.equal(reusableDigest(undefined, stamp), undefined);
for (const [field, value] of [['size', 11], ['mtimeNs', '1700000000000000001'], ['ctimeNs', '1700000000000000001'], ['ino', '43'], ['mode', 0o100755]] as const) {
  t.equal(reusableDigest(remembered, { ...stamp, [field]: value }), undefined, `a changed ${field} means hashing again`);
}

const written = BigInt(stamp.mtimeNs);
t.equal(isRememberable(stamp, written), false, 'hashed in the tick it was written: racy');
t.equal(isRememberable(stamp, written + RACY_WINDOW_NS), false, 'at the edge of the window: racy');
t.equal(isRememberable(stamp, written + RACY_WINDOW_NS + 1n), true);
t.equal(isRememberable({ ...stamp, ctimeNs: String(written + RACY_WINDOW_NS) }, written + RACY_WINDOW_NS + 1n), false, 'a recent ctime counts too');
t.equal(isRememberable({ ...stamp, mtimeNs: String(written * 2n) }, written + RACY_WINDOW_NS + 1n), false, 'an mtime in the future is never trusted');

t.same(parseStampCache(serializeStampCache(new Map([['a.js', remembered]]))), new Map([['a.js', remembered]]), 'round trip');
for (const text of ['', 'not json', '{"version":2,"files":{}}', '{"version":1,"files":{"a":{"sha256":1}}}', 'null']) {
  t.equal(parseStampCache(text).size, 0, `malformed cache ${JSON.stringify(text)} is empty`);
}
