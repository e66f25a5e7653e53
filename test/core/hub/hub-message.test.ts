import t from 'tap';
import { formatInputBag, parsePropertyBag } from '../../../src/core/hub/hub-message.js';

t.test('the bag of sendOutputEvent, as observed on the wire', async (t) => {
  const bag = '%24.on=output1&%24.mid=m-1&%24.cid=c%2F1&%24.ct=application%2Fjson&%24.ce=utf-8&alert%20type=a%26b%3Dc%2Fd';
  t.same(parsePropertyBag(bag), {
    systemProperties: { outputName: 'output1', messageId: 'm-1', correlationId: 'c/1', contentType: 'application/json', contentEncoding: 'utf-8' },
    applicationProperties: { 'alert type': 'a&b=c/d' },
  });
});

const cases: [string, string, Record<string, string>][] = [
  ['empty', '', {}],
  ['plus stays plus', 'a=b+c', { a: 'b+c' }],
  ['empty value', 'k=', { k: '' }],
  ['no equals', 'flag', { flag: '' }],
  ['first equals splits', 'k=a=b', { k: 'a=b' }],
  ['bad escape kept as text', 'k=%zz', { k: '%zz' }],
];
for (const [name, bag, properties] of cases) {
  t.test(name, async (t) => t.same(parsePropertyBag(bag).applicationProperties, properties));
}

t.test('input bags carry the sender, system properties in edgeHub order, never $.on', async (t) => {
  const bag = formatInputBag({
    systemProperties: { outputName: 'out', messageId: 'x1', connectionDeviceId: 'dev1', connectionModuleId: 'A', contentType: 'application/json' },
    applicationProperties: { 'k k': 'v&w' },
  });
  t.equal(bag, '%24.cdid=dev1&%24.cmid=A&%24.mid=x1&%24.ct=application%2Fjson&k%20k=v%26w');
  t.same(parsePropertyBag(bag).systemProperties, { messageId: 'x1', contentType: 'application/json' }, 'round-trips the properties the SDK reads');
});
