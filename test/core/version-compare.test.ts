import t from 'tap';
import { isAtLeast, parseVersion } from '../../src/core/version-compare.js';

t.test('parseVersion', async (t) => {
  t.same(parseVersion('v20.5.1'), [20, 5, 1]);
  t.same(parseVersion('20.10.24+dfsg1'), [20, 10, 24]);
  t.same(parseVersion('18'), [18, 0, 0]);
  t.equal(parseVersion('none'), undefined);
});

t.test('isAtLeast', async (t) => {
  const cases: [string, string, boolean][] = [
    ['20.5.0', '20.5.0', true], ['20.20.2', '20.5.0', true], ['v22.1.0', '20.5.0', true],
    ['20.4.9', '20.5.0', false], ['18.19.0', '20.5.0', false], ['garbage', '20.5.0', false],
  ];
  for (const [actual, minimum, want] of cases) t.equal(isAtLeast(actual, minimum), want, `${actual} >= ${minimum}`);
});
