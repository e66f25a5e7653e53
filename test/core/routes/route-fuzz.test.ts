import t, { type Test } from 'tap';
import { parseRoute } from '../../../src/core/routes/index.js';
import type { RouteParseResult } from '../../../src/core/routes/index.js';
import { mutate, randomSoup, seededRandom, VALID_ROUTES } from './fixtures/fuzz-inputs.js';

/** Parses without throwing, and any error is well-formed: a message and a span inside the text. */
function checkNeverThrows(t: Test, text: string): boolean {
  let result: RouteParseResult;
  try {
    result = parseRoute(text);
  } catch (error) {
    t.fail(`threw on ${JSON.stringify(text)}: ${String(error)}`);
    return false;
  }
  if (result.ok) return true;
  const { message, span } = result.error;
  const sane = message.length > 0 && !message.startsWith('internal error') && span.offset >= 0 && span.length >= 0 && span.offset + span.length <= text.length;
  if (!sane) t.fail(`bad error for ${JSON.stringify(text)}: ${JSON.stringify(result.error)}`);
  return sane;
}

t.test('every valid seed route parses', async (t) => {
  for (const route of VALID_ROUTES) t.ok(parseRoute(route).ok, route);
});

t.test('every truncation of the seed routes is handled', async (t) => {
  let inputs = 0;
  let good = 0;
  for (const route of VALID_ROUTES) {
    for (let cut = 0; cut <= route.length; cut++) {
      inputs++;
      if (checkNeverThrows(t, route.slice(0, cut))) good++;
      inputs++;
      if (checkNeverThrows(t, route.slice(cut))) good++;
    }
  }
  t.equal(good, inputs, `${inputs} truncations`);
});

t.test('5,000 random token soups and 5,000 mutated routes never throw', async (t) => {
  const random = seededRandom(20261128);
  let good = 0;
  for (let i = 0; i < 5000; i++) if (checkNeverThrows(t, randomSoup(random))) good++;
  for (let i = 0; i < 5000; i++) {
    const seed = VALID_ROUTES[i % VALID_ROUTES.length] as string;
    if (checkNeverThrows(t, mutate(seed, random))) good++;
  }
  t.equal(good, 10000);
});
