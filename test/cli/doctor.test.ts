import t from 'tap';
import { runDoctor, renderDoctor } from '../../src/cli/commands/doctor.js';
import { EdgeError } from '../../src/core/errors.js';
import { PLAIN_STYLE } from '../../src/cli/style.js';

const ok = async () => 'fine';

t.test('all checks pass', async (t) => {
  const result = await runDoctor({ nodeVersion: '20.20.2', dockerVersion: ok, sshVersion: ok });
  t.equal(result.ok, true);
  t.same(result.checks.map((c) => c.status), ['ok', 'ok', 'ok']);
});

t.test('an old Node and an unreachable engine fail with fixes', async (t) => {
  const unreachable = async (): Promise<string> => {
    throw new EdgeError({ code: 'DOCKER_UNAVAILABLE', message: 'cannot reach the Docker Engine', hint: 'start Docker' });
  };
  const result = await runDoctor({ nodeVersion: '18.19.0', dockerVersion: unreachable, sshVersion: ok });
  t.equal(result.ok, false);
  t.same(result.checks.map((c) => c.status), ['fail', 'fail', 'ok']);
  t.equal(result.checks[1]?.hint, 'start Docker');
  const text = renderDoctor(result, PLAIN_STYLE);
  t.match(text, /✖ node/);
  t.match(text, /fix: start Docker/);
});

t.test('a bug in a probe is not disguised as a failed check', async (t) => {
  const broken = async (): Promise<string> => { throw new TypeError('boom'); };
  await t.rejects(runDoctor({ nodeVersion: '20.20.2', dockerVersion: broken, sshVersion: ok }), TypeError);
});
