/**
 * The quickstart shows the filter's messages from this run only: the device's upstream store may
 * still hold an earlier run's, hours old, which must not pass for the demo working now.
 */
import t from 'tap';
import { firstMessages } from '../../src/cli/commands/quickstart.js';
import type { UpstreamMessageView } from '../../src/protocol/hub-api.js';

const message = (seq: number): UpstreamMessageView => ({
  seq, module: 'filtermodule', enqueuedAt: new Date(seq * 1000).toISOString(), expiresAt: null, systemProperties: {}, applicationProperties: {}, body: '{}', bodyEncoding: 'utf8',
});

/** A store holding `stored`, to which `arriving` is appended at each poll. */
function fakeStore(stored: number[], arriving: number[][]) {
  const held = stored.map(message);
  let polls = 0;
  return {
    get polls() { return polls; },
    async *upstream(query: { module: string; count: number }): AsyncGenerator<UpstreamMessageView> {
      held.push(...(arriving[polls] ?? []).map(message));
      polls++;
      yield* held.filter((m) => m.module === query.module).slice(-query.count);
    },
  };
}

const noWait = async (): Promise<void> => undefined;

t.test('messages from before the mark are not shown, however new they look', async (t) => {
  const store = fakeStore([1, 2, 3, 4, 5], []);
  t.same(await firstMessages(store, 5, 0, noWait), []);
});

t.test('it waits for this run\'s messages and shows the newest three after the mark', async (t) => {
  const store = fakeStore([1, 2, 3], [[], [4], [5, 6, 7]]);
  const shown = await firstMessages(store, 3, 60_000, noWait);
  t.same(shown.map((m) => m.seq), [5, 6, 7]);
  t.equal(store.polls, 3, 'polled until three had come');
});
