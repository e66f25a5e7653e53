import t from 'tap';
import { closestMatch, editDistance } from '../../src/core/closest-match.js';

t.test('editDistance', async (t) => {
  const cases: [string, string, number][] = [
    ['', '', 0], ['a', '', 1], ['', 'abc', 3], ['deploy', 'deploy', 0],
    ['deplyo', 'deploy', 1], ['depoly', 'deploy', 1], ['dploy', 'deploy', 1], ['deployy', 'deploy', 1],
    ['kitten', 'sitting', 3],
  ];
  for (const [a, b, want] of cases) t.equal(editDistance(a, b), want, `${a} ~ ${b}`);
});

t.test('closestMatch suggests only plausible typos', async (t) => {
  const names = ['validate', 'genconfig', 'deploy', 'doctor', 'status'];
  t.equal(closestMatch('valdiate', names), 'validate');
  t.equal(closestMatch('Deploy', names), 'deploy');
  t.equal(closestMatch('stauts', names), 'status');
  t.equal(closestMatch('nonsense', names), undefined);
  t.equal(closestMatch('x', []), undefined);
});
