/** Flag parsing and output of `edgectl twin`, `invoke`, `monitor` (their API path is covered end to end in test/supervisor/hub). */
import t from 'tap';
import { parseMethodTimeout, parsePayload } from '../../src/cli/commands/invoke.js';
import { formatUpstream } from '../../src/cli/commands/monitor.js';

const payloads: [string | undefined, unknown][] = [[undefined, null], ['{"a":1}', { a: 1 }], ['3', 3], ['"x"', 'x'], ['null', null]];
for (const [text, want] of payloads) t.test(`--payload ${String(text)}`, async (t) => t.same(parsePayload(text), want));
t.test('--payload that is not JSON is a usage error', async (t) => t.throws(() => parsePayload('{a:1}'), { code: 'USAGE', exitCode: 2 }));

const timeouts: [string | undefined, number | 'error'][] = [[undefined, 30], ['5', 5], ['300', 300], ['4', 'error'], ['301', 'error'], ['x', 'error']];
for (const [text, want] of timeouts) {
  t.test(`--timeout ${String(text)}`, async (t) => (want === 'error' ? t.throws(() => parseMethodTimeout(text), { code: 'USAGE' }) : t.equal(parseMethodTimeout(text), want)));
}

t.test('monitor lines', async (t) => {
  const base = { seq: 1, module: 'filter', enqueuedAt: '2026-01-01T00:00:00.000Z', expiresAt: null, applicationProperties: {}, systemProperties: {} };
  t.equal(formatUpstream({ ...base, body: '{"t":1}', bodyEncoding: 'utf8', systemProperties: { outputName: 'out' }, applicationProperties: { k: 'v' } }), '2026-01-01T00:00:00.000Z filter/out [k=v] {"t":1}');
  t.equal(formatUpstream({ ...base, body: 'AAE=', bodyEncoding: 'base64' }), '2026-01-01T00:00:00.000Z filter (base64) AAE=');
});
