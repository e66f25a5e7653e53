/** genconfig's pure parts: .env parsing and precedence, module references, expansion, chunking. */
import t from 'tap';
import { mergeVariables, parseDotenv } from '../../../src/core/genconfig/dotenv.js';
import { parseModuleReference } from '../../../src/core/genconfig/module-images.js';
import { expandTemplate } from '../../../src/core/genconfig/expand-template.js';
import { chunkCreateOptions, splitChunks } from '../../../src/core/genconfig/create-options-chunks.js';

const dotenvCases: [string, Record<string, string>][] = [
  ['A=1', { A: '1' }],
  ['export A=1', { A: '1' }],
  ['# c\n\nA = spaced value  ', { A: 'spaced value' }],
  ['A=x # comment', { A: 'x' }],
  ['A=x#not-a-comment', { A: 'x#not-a-comment' }],
  ["A='literal $B \\n # kept'", { A: 'literal $B \\n # kept' }],
  ['A="line\\nnext \\"q\\""', { A: 'line\nnext "q"' }],
  ['A="multi\nline"\nB=2', { A: 'multi\nline', B: '2' }],
  ['A=', { A: '' }],
  ['\uFEFFA=1\r\nB=2\r\n', { A: '1', B: '2' }],
];
for (const [text, expected] of dotenvCases) {
  t.test(`.env ${JSON.stringify(text)}`, async (t) => {
    const result = parseDotenv(text);
    t.same(result.errors, []);
    t.same(Object.fromEntries(result.values), expected);
  });
}

t.test('.env errors name the line', async (t) => {
  t.same(parseDotenv('A=1\nnot a pair').errors.map((e) => e.line), [2]);
  t.same(parseDotenv('1A=x').errors.map((e) => e.line), [1]);
  t.same(parseDotenv('A="open').errors.map((e) => e.line), [1]);
});

t.test('the environment wins over .env', async (t) => {
  const merged = mergeVariables(new Map([['A', 'dotenv'], ['B', 'dotenv']]), { A: 'env', C: undefined });
  t.equal(merged.get('A'), 'env');
  t.equal(merged.get('B'), 'dotenv');
  t.notOk(merged.has('C'));
});

t.test('module references', async (t) => {
  t.same(parseModuleReference('MODULES.filter', 'amd64'), { kind: 'folder', folder: 'filter', platform: 'amd64' });
  t.same(parseModuleReference('MODULES.filter.arm64v8', 'amd64'), { kind: 'folder', folder: 'filter', platform: 'arm64v8' });
  t.same(parseModuleReference('MODULES.filter.debug', 'amd64'), { kind: 'folder', folder: 'filter', platform: 'amd64.debug' });
  t.same(parseModuleReference('MODULES.filter.arm32v7.debug', 'amd64'), { kind: 'folder', folder: 'filter', platform: 'arm32v7.debug' });
  t.same(parseModuleReference('MODULEDIR<.\\sample_module_2>', 'amd64'), { kind: 'path', path: '.\\sample_module_2', platform: 'amd64' });
  t.same(parseModuleReference('MODULEDIR<../x>.arm64v8', 'amd64'), { kind: 'path', path: '../x', platform: 'arm64v8' });
  t.equal(parseModuleReference('REGISTRY', 'amd64'), undefined);
});

const template = JSON.stringify({
  '$schema-template': '4.0.0',
  modulesContent: {
    $edgeAgent: { 'properties.desired': {
      runtime: { settings: { registryCredentials: { '${GROUP}': { address: '$REG', password: '${PASS}' } } } },
      modules: { f: { settings: { image: '${MODULES.filter.arm64v8}', createOptions: { Cmd: ['sh', '-c', 'echo $HOME'], Labels: { x: 'y'.repeat(1200) } } } } },
    } },
    $edgeHub: { 'properties.desired': { routes: { r: 'FROM /messages/* WHERE $body.t > 1 INTO $upstream' } } },
  },
}).replace('"7200"', '${TTL}');

t.test('expansion: variables, keys, modules, reserved names, createOptions chunks', async (t) => {
  const result = expandTemplate({
    text: template.replace('}}}}}', '}}}, "ttl": ${TTL}}}'), file: 't.json', platform: 'amd64', debug: false,
    variables: new Map([['GROUP', 'acr'], ['REG', 'r.io'], ['PASS', 'pw'], ['TTL', '7200']]),
    resolveModule: (ref) => ref.kind === 'folder' ? { repository: 'r.io/filter', version: '1.0', platforms: ['amd64', 'arm64v8'] } : 'no',
  });
  t.same(result.problems, []);
  const m = result.manifest as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  t.notOk('$schema-template' in m);
  const desired = m.modulesContent.$edgeAgent['properties.desired'];
  t.same(desired.runtime.settings.registryCredentials, { acr: { address: 'r.io', password: 'pw' } });
  const settings = desired.modules.f.settings;
  t.equal(settings.image, 'r.io/filter:1.0-arm64v8');
  t.equal(typeof settings.createOptions, 'string');
  t.equal(settings.createOptions.length, 512);
  t.ok(settings.createOptions02 !== undefined && settings.createOptions03 === undefined);
  t.match(settings.createOptions + settings.createOptions01 + settings.createOptions02, /echo \$HOME/, 'shell $VAR in createOptions is left alone');
  t.equal(m.modulesContent.$edgeHub['properties.desired'].routes.r, 'FROM /messages/* WHERE $body.t > 1 INTO $upstream');
});

t.test('undefined placeholders are all reported with positions', async (t) => {
  const result = expandTemplate({ text: '{\n "a": "${ONE}",\n "b": "$TWO/x",\n "c": ${THREE}\n}', file: 't.json', platform: 'amd64', debug: false, variables: new Map(), resolveModule: () => 'none' });
  t.same(result.problems.map((p) => [p.code, p.name, p.line]), [['UNDEFINED_VARIABLE', 'ONE', 2], ['UNDEFINED_VARIABLE', 'TWO', 3], ['UNDEFINED_VARIABLE', 'THREE', 4]]);
});

t.test('module problems and non-JSON bare values', async (t) => {
  const r1 = expandTemplate({ text: '{"i": "${MODULES.x.riscv}"}', file: 't', platform: 'amd64', debug: false, variables: new Map(), resolveModule: () => ({ repository: 'r/x', version: '1', platforms: ['amd64'] }) });
  t.equal(r1.problems[0]?.code, 'MODULE_NOT_RESOLVED');
  const r2 = expandTemplate({ text: '{"ttl": ${TTL}}', file: 't', platform: 'amd64', debug: false, variables: new Map([['TTL', 'soon']]), resolveModule: () => 'none' });
  t.equal(r2.problems[0]?.code, 'PLACEHOLDER_NOT_JSON');
  const r3 = expandTemplate({ text: '{"ttl": ${TTL}}', file: 't', platform: 'amd64', debug: false, variables: new Map([['TTL', '42']]), resolveModule: () => 'none' });
  t.same(r3.manifest, { ttl: 42 });
});

t.test('CONTAINER_TAG goes into ${MODULES.x} as edgectl build tags the image', async (t) => {
  const resolveModule = (): { repository: string; version: string; platforms: string[] } => ({ repository: 'R.io/Filter', version: '1.2', platforms: [] });
  const text = '{"image": "${MODULES.filter}", "debug": "${MODULES.filter.debug}"}';
  const tagged = expandTemplate({ text, file: 't', platform: 'arm64v8', debug: false, variables: new Map([['CONTAINER_TAG', 'pr42']]), resolveModule });
  t.same(tagged.manifest, { image: 'r.io/filter:1.2-pr42-arm64v8', debug: 'r.io/filter:1.2-pr42-arm64v8.debug' });
  const untagged = expandTemplate({ text, file: 't', platform: 'amd64', debug: false, variables: new Map([['CONTAINER_TAG', '']]), resolveModule });
  t.same(untagged.manifest, { image: 'r.io/filter:1.2-amd64', debug: 'r.io/filter:1.2-amd64.debug' });
});

t.test('chunking', async (t) => {
  t.same(splitChunks('abc', 2), ['ab', 'c']);
  t.same(splitChunks('ab', 2), ['ab']);
  const settings: Record<string, unknown> = { createOptions: { a: 'x'.repeat(1000) }, createOptions05: 'stale' };
  chunkCreateOptions(settings);
  t.same(Object.keys(settings).sort(), ['createOptions', 'createOptions01']);
  t.equal((settings['createOptions'] as string) + (settings['createOptions01'] as string), JSON.stringify({ a: 'x'.repeat(1000) }));
  const handChunked: Record<string, unknown> = { createOptions: '{"a":', createOptions01: '1}' };
  chunkCreateOptions(handChunked);
  t.same(handChunked, { createOptions: '{"a":', createOptions01: '1}' }, 'hand-made chunks are kept');
});
