import t from 'tap';
import { parseRoute } from '../../../src/core/routes/index.js';
import type { RouteSink, RouteSource } from '../../../src/core/routes/index.js';

const UP = ' INTO $upstream';

t.test('every source kind is classified', async (t) => {
  const cases: [string, Pick<RouteSource, 'kind' | 'prefix' | 'module' | 'output'>][] = [
    ['/*', { kind: 'all', prefix: '' }],
    ['/messages/*', { kind: 'messages', prefix: '/messages' }],
    ['/messages', { kind: 'messages', prefix: '/messages' }],
    ['/messages/modules/*', { kind: 'modules', prefix: '/messages/modules' }],
    ['/messages/modules', { kind: 'modules', prefix: '/messages/modules' }],
    ['/messages/modules/sensor/*', { kind: 'module', prefix: '/messages/modules/sensor', module: 'sensor' }],
    ['/messages/modules/publisher', { kind: 'module', prefix: '/messages/modules/publisher', module: 'publisher' }],
    ['/messages/modules/sensor/outputs/*', { kind: 'module-outputs', prefix: '/messages/modules/sensor/outputs', module: 'sensor' }],
    ['/messages/modules/sensor/outputs/temperature', { kind: 'module-output', prefix: '/messages/modules/sensor/outputs/temperature', module: 'sensor', output: 'temperature' }],
    ['/messages/modules/temp-sensor_2/outputs/out.1', { kind: 'module-output', prefix: '/messages/modules/temp-sensor_2/outputs/out.1', module: 'temp-sensor_2', output: 'out.1' }],
    ['/twinChangeNotifications', { kind: 'twin-change-notifications', prefix: '/twinChangeNotifications' }],
    ['/Messages/Modules/A/Outputs/*', { kind: 'module-outputs', prefix: '/Messages/Modules/A/Outputs', module: 'A' }],
  ];
  for (const [path, want] of cases) {
    const result = parseRoute(`FROM ${path}${UP}`);
    if (!result.ok) {
      t.fail(`${path}: ${result.error.message}`);
      continue;
    }
    const { kind, prefix, module, output } = result.route.source;
    t.same({ kind, prefix, module, output }, { module: undefined, output: undefined, ...want }, path);
    t.equal(result.route.source.path, path);
    t.same(result.route.source.span, { offset: 5, length: path.length }, `${path} span`);
  }
});

t.test('sinks', async (t) => {
  const cases: [string, { kind: RouteSink['kind']; module?: string; input?: string }][] = [
    ['$upstream', { kind: 'upstream' }],
    ['$UPSTREAM', { kind: 'upstream' }],
    ['BrokeredEndpoint("/modules/filter/inputs/input1")', { kind: 'module-input', module: 'filter', input: 'input1' }],
    ["BrokeredEndpoint('/modules/filter/inputs/input1')", { kind: 'module-input', module: 'filter', input: 'input1' }],
    ['BrokeredEndpoint ( "/modules/a-b/inputs/c_d" )', { kind: 'module-input', module: 'a-b', input: 'c_d' }],
    // edgeHub trims the address and one leading and one trailing slash
    ['brokeredendpoint(" modules/m/inputs/i/ ")', { kind: 'module-input', module: 'm', input: 'i' }],
  ];
  for (const [sink, want] of cases) {
    const result = parseRoute(`FROM /messages/* INTO ${sink}`);
    t.ok(result.ok, sink);
    if (result.ok) {
      const { span, ...rest } = result.route.sink;
      t.same(rest, want, sink);
      t.equal(span.offset, 'FROM /messages/* INTO '.length, `${sink} span`);
    }
  }
});

t.test('keywords are case-insensitive, whitespace and comments go anywhere, SELECT * is optional', async (t) => {
  const routes = [
    'from /messages/* into $upstream',
    'SELECT * FROM /messages/* INTO $upstream',
    'select * from /messages/* where $connectionModuleId = "a" into $upstream',
    '\n  FROM\n\t/messages/*\r\n  WHERE\n  true\n  INTO\n  $upstream\n',
    'FROM /messages/* /* all telemetry */ INTO $upstream',
    'FROM/messages/* INTO $upstream',
    'FROM /messages/* WHERE(a = "b")INTO $upstream',
    'FROM /messages/* INTO BrokeredEndpoint("/modules/m/inputs/i")   ',
    'FROM /messages/ modules/ a /* INTO $upstream',
  ];
  for (const route of routes) {
    const result = parseRoute(route);
    t.ok(result.ok, JSON.stringify(route) + (result.ok ? '' : ` → ${result.error.message}`));
  }
});

t.test('a route without WHERE has no condition; with one it has its span', async (t) => {
  const plain = parseRoute('FROM /messages/* INTO $upstream');
  t.ok(plain.ok && plain.route.condition === undefined && plain.route.conditionSpan === undefined);
  const text = 'FROM /messages/* WHERE $connectionModuleId = "a" INTO $upstream';
  const filtered = parseRoute(text);
  t.ok(filtered.ok);
  if (filtered.ok) t.same(filtered.route.conditionSpan, { offset: text.indexOf('$conn'), length: '$connectionModuleId = "a"'.length });
});

/** [route, message fragment, the text the span must cover] */
const ERRORS: [string, string, string][] = [
  ['', 'the route is empty', ''],
  ['   \n ', 'the route is empty', '   \n '],
  ['TO /messages/* INTO $upstream', 'expected FROM at the start of the route', 'TO'],
  ['SELECT FROM /messages/* INTO $upstream', "expected '*' after SELECT", 'FROM'],
  // edgeHub's lexer reads '*FROM' as one name, so the space is required there too.
  ['SELECT *FROM /messages/* INTO $upstream', "expected '*' after SELECT", '*FROM'],
  ['FROM', 'expected a source path after FROM', ''],
  ['FROM messages/* INTO $upstream', "expected a source path starting with '/'", 'messages/*'],
  ['FROM /messages//modules INTO $upstream', 'empty segment in the source path', '/'],
  ['FROM /foo/* INTO $upstream', "unknown source '/foo/*'", '/foo/*'],
  ['FROM /messages/events INTO $upstream', 'after /messages comes /modules', '/messages/events'],
  ['FROM /messages/modules/a/inputs/* INTO $upstream', 'after the module name comes /outputs', '/messages/modules/a/inputs/*'],
  ['FROM /messages/modules/a/outputs/o/x INTO $upstream', 'nothing may follow the output name', '/messages/modules/a/outputs/o/x'],
  ['FROM /messages/*/modules INTO $upstream', "'*' may only be the whole last segment", '/messages/*/modules'],
  ['FROM /messages/mod* INTO $upstream', "'*' may only be the whole last segment", '/messages/mod*'],
  ['FROM /twinChangeNotifications/* INTO $upstream', 'takes no', '/twinChangeNotifications/*'],
  ['FROM /messages/*', 'expected INTO after the source', ''],
  ['FROM /messages/* $upstream', 'expected INTO after the source', '$upstream'],
  ['FROM /messages/* TO $upstream', 'expected INTO after the source', 'TO'],
  ['FROM /messages/* INTO', 'expected a sink after INTO', ''],
  ['FROM /messages/* INTO $downstream', "unknown sink '$downstream'", '$downstream'],
  ['FROM /messages/* INTO $upstreem', 'did you mean $upstream?', '$upstreem'],
  ['FROM /messages/* INTO upstream', "expected a sink after INTO but found 'upstream'", 'upstream'],
  ['FROM /messages/* INTO BrokerEndpoint("/modules/a/inputs/b")', 'unknown sink function BrokerEndpoint; did you mean BrokeredEndpoint?', 'BrokerEndpoint'],
  ['FROM /messages/* INTO BrokeredEndpoint(/modules/a/inputs/b)', 'BrokeredEndpoint takes one quoted string', '/'],
  ['FROM /messages/* INTO BrokeredEndpoint("/modules/a/inputs/b"', "missing closing ')'", ''],
  ['FROM /messages/* INTO BrokeredEndpoint("/modules/a/inputs/b)', 'unterminated string', '"/modules/a/inputs/b)'],
  ['FROM /messages/* INTO BrokeredEndpoint("/modules/a/inputs")', 'invalid BrokeredEndpoint address', '"/modules/a/inputs"'],
  ['FROM /messages/* INTO BrokeredEndpoint("/modules/a/inputs/b/c")', 'invalid BrokeredEndpoint address', '"/modules/a/inputs/b/c"'],
  ['FROM /messages/* INTO BrokeredEndpoint("/modules//inputs/b")', 'invalid BrokeredEndpoint address', '"/modules//inputs/b"'],
  ['FROM /messages/* INTO BrokeredEndpoint("/modules/a/inputs/b") INTO $upstream', 'unexpected text after the sink', 'INTO $upstream'],
  ['FROM /messages/* INTO $upstream WHERE a = "b"', 'unexpected text after the sink', 'WHERE a = "b"'],
  ['FROM /messages/* WHERE INTO $upstream', 'expected a condition after WHERE', ''],
  ['FROM /messages/* WHERE a = "b"', 'expected INTO after the condition', ''],
];

t.test('errors say what is wrong and point at it', async (t) => {
  for (const [route, message, covered] of ERRORS) {
    const result = parseRoute(route);
    if (result.ok) {
      t.fail(`${route}: parsed but should not`);
      continue;
    }
    t.match(result.error.message, message, route);
    const { offset, length } = result.error.span;
    t.equal(route.slice(offset, offset + length), covered, `${route}: span`);
    t.ok(offset >= 0 && offset + length <= route.length, `${route}: span inside the text`);
  }
});

t.test('hints accompany the errors a user can act on', async (t) => {
  for (const route of ['FROM /foo INTO $upstream', 'FROM /messages/* INTO $nowhere', 'FROM /messages/* INTO BrokeredEndpoint("/x")', 'TO /messages/* INTO $upstream']) {
    const result = parseRoute(route);
    t.ok(!result.ok && typeof result.error.hint === 'string' && result.error.hint.length > 0, route);
  }
});

t.test('conditions that can never be true parse, with a warning', async (t) => {
  const cases: [string, string | undefined][] = [
    ['alert', 'a string, not a boolean'],
    ['1 + 1', 'a number, not a boolean'],
    ['undefined', 'always undefined'],
    ['true AND null', 'always null'],
    ["alert = 'yes'", undefined],
    ['$body.flag', undefined],
    ['NOT null', undefined],
  ];
  for (const [condition, warning] of cases) {
    const result = parseRoute(`FROM /messages/* WHERE ${condition} INTO $upstream`);
    if (!result.ok) {
      t.fail(`${condition}: ${result.error.message}`);
      continue;
    }
    if (warning === undefined) t.equal(result.route.warnings, undefined, condition);
    else t.match(result.route.warnings?.[0]?.message, warning, condition);
  }
});

t.test('a BrokeredEndpoint address with other words than modules/inputs works in edgeHub: a warning', async (t) => {
  const result = parseRoute('FROM /messages/* INTO BrokeredEndpoint("/modules/a/input/b")');
  t.ok(result.ok);
  if (!result.ok) return;
  t.same(result.route.sink, { kind: 'module-input', module: 'a', input: 'b', span: result.route.sink.span });
  t.match(result.route.warnings?.[0]?.message, 'should read /modules/a/inputs/b');
});

t.test('whitespace between the parts of a source is dropped, as edgeHub does', async (t) => {
  const result = parseRoute('FROM /messages/ modules /a/* INTO $upstream');
  t.ok(result.ok && result.route.source.path === '/messages/modules/a/*' && result.route.source.module === 'a');
});
