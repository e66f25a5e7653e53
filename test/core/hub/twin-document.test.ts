import t from 'tap';
import { applyReported, diffObjects, emptyTwin, mergePatch, setDesired, twinGetBody } from '../../../src/core/hub/twin-document.js';

const diffs: [string, Record<string, never> | object, object, object | undefined][] = [
  ['equal', { a: 1 }, { a: 1 }, undefined],
  ['key order does not matter', { a: 1, b: 2 }, { b: 2, a: 1 }, undefined],
  ['added', {}, { a: 1 }, { a: 1 }],
  ['removed is null', { a: 1 }, {}, { a: null }],
  ['nested change only', { n: { x: 1, y: 2 } }, { n: { x: 1, y: 3 } }, { n: { y: 3 } }],
  ['arrays replace whole', { l: [1, 2] }, { l: [1, 3] }, { l: [1, 3] }],
  ['object to scalar', { n: { x: 1 } }, { n: 5 }, { n: 5 }],
];
for (const [name, from, to, want] of diffs) t.test(`diff: ${name}`, async (t) => t.same(diffObjects(from as never, to as never), want));

t.test('merge patch: null deletes, objects merge, $version ignored', async (t) => {
  t.same(mergePatch({ a: 1, n: { x: 1, y: 2 } }, { a: null, n: { y: null, z: 3 }, b: 'new', $version: 9 }), { n: { x: 1, z: 3 }, b: 'new' });
});

t.test('desired: versions step only on change; the patch carries $version', async (t) => {
  const first = setDesired(emptyTwin(), { threshold: 25 });
  t.same(first.patch, { threshold: 25, $version: 2 });
  t.same(setDesired(first.twin, { threshold: 25 }).patch, undefined);
  const second = setDesired(first.twin, { other: true });
  t.same(second.patch, { threshold: null, other: true, $version: 3 });
  t.same(twinGetBody(second.twin), { desired: { other: true, $version: 3 }, reported: { $version: 1 } });
});

t.test('reported patches merge and bump the reported version', async (t) => {
  const twin = applyReported(applyReported(emptyTwin(), { a: 1, b: { c: 2 } }), { a: null, b: { d: 3 } });
  t.same(twin.reported, { b: { c: 2, d: 3 } });
  t.equal(twin.reportedVersion, 3);
});
