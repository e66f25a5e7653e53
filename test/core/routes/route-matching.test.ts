import t from 'tap';
import { compileRoute, compileSourceMatcher, DEVICE_TELEMETRY_SOURCE_PATH, matchesSource, moduleMessageSourcePath, parseRoute, TWIN_CHANGE_SOURCE_PATH } from '../../../src/core/routes/index.js';
import type { Route, RouteMessage } from '../../../src/core/routes/index.js';

function route(text: string): Route {
  const result = parseRoute(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.route;
}

const A_OUT = '/messages/modules/a/outputs/out1';
const A_TELEMETRY = '/messages/modules/a';
const AB_OUT = '/messages/modules/ab/outputs/out1';
const DEVICE = DEVICE_TELEMETRY_SOURCE_PATH;
const TWIN = TWIN_CHANGE_SOURCE_PATH;

/** [source, message source path, matches] */
const CASES: [string, string, boolean][] = [
  ['/*', A_OUT, true], ['/*', DEVICE, true], ['/*', TWIN, true],
  ['/messages/*', A_OUT, true], ['/messages/*', DEVICE, true], ['/messages/*', TWIN, false],
  ['/messages/modules/*', A_OUT, true], ['/messages/modules/*', A_TELEMETRY, true], ['/messages/modules/*', DEVICE, false],
  ['/messages/modules', '/messages/modulesX/a', false],
  ['/messages/modules/a/*', A_OUT, true], ['/messages/modules/a/*', A_TELEMETRY, true], ['/messages/modules/a/*', AB_OUT, false],
  ['/messages/modules/a', A_OUT, true], ['/messages/modules/a', AB_OUT, false],
  ['/messages/modules/a/outputs/*', A_OUT, true], ['/messages/modules/a/outputs/*', A_TELEMETRY, false],
  ['/messages/modules/a/outputs/out1', A_OUT, true], ['/messages/modules/a/outputs/out1', '/messages/modules/a/outputs/out10', false],
  ['/messages/modules/a/outputs/out1', '/messages/modules/a/outputs/out1/', true],
  ['/messages/modules/A/outputs/OUT1', A_OUT, true], // edgeHub compares case-insensitively
  ['/messages/modules/a/outputs/out1', '/Messages/Modules/A/Outputs/Out1', true],
  ['/twinChangeNotifications', TWIN, true], ['/twinChangeNotifications', A_OUT, false],
];

t.test('source matching: prefixes by whole segments, case-insensitive', async (t) => {
  for (const [source, path, want] of CASES) {
    const parsed = route(`FROM ${source} INTO $upstream`).source;
    t.equal(matchesSource(parsed, path), want, `${source} ← ${path}`);
    t.equal(compileSourceMatcher(parsed)(path), want, `${source} ← ${path} (compiled)`);
  }
});

t.test('moduleMessageSourcePath builds what sources match', async (t) => {
  t.equal(moduleMessageSourcePath('a', 'out1'), A_OUT);
  t.equal(moduleMessageSourcePath('a'), A_TELEMETRY);
});

t.test('a compiled route checks source and condition', async (t) => {
  const compiled = compileRoute(route("FROM /messages/modules/a/outputs/* WHERE alert = 'yes' INTO BrokeredEndpoint(\"/modules/b/inputs/in\")"));
  const yes: RouteMessage = { body: '', systemProperties: {}, applicationProperties: { alert: 'yes' } };
  const no: RouteMessage = { body: '', systemProperties: {}, applicationProperties: { alert: 'no' } };
  t.equal(compiled.matches(A_OUT, yes), true);
  t.equal(compiled.matches(A_OUT, no), false);
  t.equal(compiled.matches(AB_OUT, yes), false);
  t.equal(compiled.route.sink.kind, 'module-input');
  t.equal(compileRoute(route('FROM /* INTO $upstream')).matches(DEVICE, no), true);
});
