// The checkers the template tests rely on must themselves catch what they claim to catch.
import t from 'tap';
import { finalUser, parseDockerfile } from './dockerfile-check.js';
import { xmlProblems } from './xml-check.js';

t.test('the Dockerfile check accepts a good file and names each defect', async (t) => {
  const good = '# c\nARG V=1\nFROM node:20 AS build\nRUN a \\\n  && b\nFROM node:20\nCOPY --from=build /a /b\nENV A=1 B="x y"\nEXPOSE 9229/tcp\nUSER node\nCMD ["node", "app.js"]\n';
  const report = parseDockerfile(good);
  t.same(report.errors, []);
  t.equal(report.stages.length, 2);
  t.equal(finalUser(report), 'node');
  const cases: Array<[string, RegExp]> = [
    ['RUN x\nFROM a', /before the first FROM/],
    ['FROM a\nCOPPY x y', /unknown instruction COPPY/],
    ['FROM a\nCOPY --from=nope /a /b', /names no earlier stage/],
    ['FROM a\nCMD ["node", app.js]', /not valid JSON/],
    ['FROM a\nEXPOSE nine', /bad EXPOSE/],
    ['FROM a b c', /malformed FROM/],
    ['FROM a\nRUN x \\', /unknown instruction UNTERMINATED/],
    ['FROM a\nENV =x', /ENV expects/],
  ];
  for (const [text, problem] of cases) t.match(parseDockerfile(text).errors.join('\n'), problem, text);
  t.equal(finalUser(parseDockerfile('FROM a\nRUN x')), undefined);
});

t.test('the XML check', async (t) => {
  t.same(xmlProblems('<?xml version="1.0"?>\n<!-- c --><a x="1"><b/><c>t &amp; u</c></a>\n'), []);
  t.match(xmlProblems('<a><b></a></b>').join(), /closes/);
  t.match(xmlProblems('<a>').join(), /unclosed/);
  t.match(xmlProblems('<a>x & y</a>').join(), /bare &/);
  t.match(xmlProblems('<a x=1></a>').join(), /malformed/);
  t.match(xmlProblems('<a/><b/>').join(), /one root/);
});
