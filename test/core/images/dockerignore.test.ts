import t from 'tap';
import { parseDockerignore } from '../../../src/core/images/dockerignore.js';

const cases: Array<[string, string, boolean]> = [
  ['node_modules', 'node_modules/x/index.js', false],
  ['node_modules', 'src/node_modules/x.js', true],
  ['**/node_modules', 'src/node_modules/x.js', false],
  ['*.md', 'README.md', false],
  ['*.md', 'docs/README.md', true],
  ['**/*.md', 'docs/a/README.md', false],
  ['*.md\n!README.md', 'README.md', true],
  ['*.md\n!README.md', 'CHANGES.md', false],
  ['/build', 'build/out.js', false],
  ['./build/', 'build/out.js', false],
  ['temp?', 'temp1', false],
  ['temp?', 'temp12', true],
  ['# comment\n\n.git', '.git/HEAD', false],
  ['*', 'anything/at/all', false],
  ['*\n!src', 'src/app.js', true],
  ['[abc].txt', 'b.txt', false],
  ['[abc].txt', 'd.txt', true],
  ['a\\*b', 'a*b', false],
  ['Dockerfile', 'Dockerfile', true],
];

for (const [ignore, path, sent] of cases) {
  t.equal(parseDockerignore(ignore, ['Dockerfile', '.dockerignore']).includes(path), sent, `${JSON.stringify(ignore)} → ${path} ${sent ? 'sent' : 'excluded'}`);
}

t.equal(parseDockerignore('*').hasExceptions, false);
t.equal(parseDockerignore('*\n!x').hasExceptions, true);
