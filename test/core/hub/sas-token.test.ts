import t from 'tap';
import { checkSasToken, createSasToken, encodeStrict, signSas } from '../../../src/core/hub/sas-token.js';

const key = Buffer.from('k'.repeat(32));
const other = Buffer.from('o'.repeat(32));
const now = 1_800_000_000;
const expect = { hostNames: ['myhub.local', 'gw'], deviceId: 'dev1', moduleId: 'mod1', keys: [key], nowSeconds: now };
const good = createSasToken('myhub.local/devices/dev1/modules/mod1', key, now + 3600);

t.test('the SDK form is accepted', async (t) => {
  t.same(checkSasToken(good, expect), { ok: true });
  t.same(checkSasToken(createSasToken('gw/devices/dev1/modules/mod1', key, now + 60), expect), { ok: true }, 'the gateway name is a valid audience host');
  t.same(checkSasToken(createSasToken('MYHUB.local/devices/DEV1/modules/Mod1', key, now + 60), expect), { ok: true }, 'audience compares case-insensitively');
});

t.test('the signature covers sr as written: lowercase percent-encoding from other SDKs works', async (t) => {
  const sr = 'myhub.local%2fdevices%2fdev1%2fmodules%2fmod1';
  const se = String(now + 60);
  const token = `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(signSas(sr, se, key))}&se=${se}`;
  t.same(checkSasToken(token, expect), { ok: true });
});

const refusals: [string, string, RegExp][] = [
  ['another key', createSasToken('myhub.local/devices/dev1/modules/mod1', other, now + 60), /signature/],
  ['expired beyond the 5-minute skew', createSasToken('myhub.local/devices/dev1/modules/mod1', key, now - 301), /expired/],
  ['another module', createSasToken('myhub.local/devices/dev1/modules/mod2', key, now + 60), /another identity/],
  ['another hub', createSasToken('evil/devices/dev1/modules/mod1', key, now + 60), /another hub/],
  ['a device token', createSasToken('myhub.local/devices/dev1', key, now + 60), /not a module/],
  ['no prefix', good.replace('SharedAccessSignature ', ''), /not a SharedAccessSignature/],
  ['missing se', good.replace(/&se=\d+/, ''), /lacks/],
  ['tampered expiry', good.replace(/se=(\d+)/, (_m, n: string) => `se=${Number(n) + 1}`), /signature/],
];
for (const [name, token, reason] of refusals) {
  t.test(`refused: ${name}`, async (t) => {
    const result = checkSasToken(token, expect);
    t.equal(result.ok, false);
    if (!result.ok) t.match(result.reason, reason);
  });
}

t.test('within the clock skew an expired token still passes, as in edgeHub', async (t) => {
  t.same(checkSasToken(createSasToken('myhub.local/devices/dev1/modules/mod1', key, now - 299), expect), { ok: true });
});

t.test('strict encoding matches the SDK', async (t) => {
  t.equal(encodeStrict("a/b!'()*"), 'a%2Fb%21%27%28%29%2A');
});
