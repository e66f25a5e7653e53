import t from 'tap';
import { extractGlobalFlags } from '../../src/cli/global-flags.js';
import { isInteractive } from '../../src/cli/context.js';
import { wantsColor } from '../../src/cli/style.js';

t.test('global flags are taken from any position, but not after --', async (t) => {
  const { flags, rest } = extractGlobalFlags(['validate', '--json', 'a.json', '--no-color', '--', '--debug']);
  t.same(flags, { json: true, debug: false, noColor: true, yes: false });
  t.same(rest, ['validate', 'a.json', '--', '--debug']);
  t.same(extractGlobalFlags(['-y', 'new']).flags.yes, true);
});

t.test('prompts only on a TTY without --json, --yes or CI', async (t) => {
  const base = { stdinIsTTY: true, json: false, yes: false, env: {} };
  t.equal(isInteractive(base), true);
  t.equal(isInteractive({ ...base, stdinIsTTY: false }), false);
  t.equal(isInteractive({ ...base, json: true }), false);
  t.equal(isInteractive({ ...base, yes: true }), false);
  t.equal(isInteractive({ ...base, env: { CI: 'true' } }), false);
  t.equal(isInteractive({ ...base, env: { CI: '0' } }), true);
});

t.test('colour follows --no-color, NO_COLOR, FORCE_COLOR and the TTY', async (t) => {
  const base = { noColorFlag: false, env: {}, isTTY: true };
  t.equal(wantsColor(base), true);
  t.equal(wantsColor({ ...base, isTTY: false }), false);
  t.equal(wantsColor({ ...base, noColorFlag: true }), false);
  t.equal(wantsColor({ ...base, env: { NO_COLOR: '1' } }), false);
  t.equal(wantsColor({ ...base, env: { NO_COLOR: '' } }), true, 'an empty NO_COLOR does not count');
  t.equal(wantsColor({ ...base, isTTY: false, env: { FORCE_COLOR: '1' } }), true);
  t.equal(wantsColor({ ...base, env: { TERM: 'dumb' } }), false);
});
