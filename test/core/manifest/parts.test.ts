/** Small pure parts of the manifest checks: image references, placeholders, SARIF, sizes, kinds. */
import t from 'tap';
import { parseImageReference } from '../../../src/core/manifest/image-reference.js';
import { findPlaceholders } from '../../../src/core/manifest/placeholders.js';
import { toSarif } from '../../../src/core/manifest/sarif.js';
import { parseByteSize } from '../../../src/core/byte-size.js';
import { detectKind } from '../../../src/core/manifest/document-kind.js';

const images: [string, boolean, string?][] = [
  ['nginx', true], ['nginx:1.25', true], ['library/nginx:latest', true], ['localhost:5000/filter:0.0.1-amd64', true],
  ['mcr.microsoft.com/azureiotedge-agent:1.5', true], ['$upstream:443/azureiotedge-agent:1.2', true],
  [`repo@sha256:${'a'.repeat(64)}`, true], ['[::1]:5000/x:1', true], ['a__b/c-d.e:tag_1', true],
  ['Filter:1', false, 'lowercase'], ['localhost:5000/Filter', false, 'lowercase'], ['x:-bad', false, 'tag'], ['x y', false, 'whitespace'],
  ['', false, 'empty'], ['x//y', false, 'empty component'], ['x@sha256:zz', false, 'digest'], ['-x', false, 'repository component'], [`x:${'t'.repeat(129)}`, false, 'tag'],
];
for (const [text, ok, reason] of images) {
  t.test(`image ${JSON.stringify(text)} is ${ok ? 'valid' : 'invalid'}`, async (t) => {
    const result = parseImageReference(text);
    t.equal(result.ok, ok);
    if (!result.ok && reason !== undefined) t.match(result.reason, reason);
  });
}

t.test('placeholders', async (t) => {
  const names = (s: string): string[] => findPlaceholders(s).map((p) => `${p.kind}:${p.name}`);
  t.same(names('${MODULES.filter.amd64}'), ['braced:MODULES.filter.amd64']);
  t.same(names('$CONTAINER_REGISTRY_ADDRESS/x'), ['bare:CONTAINER_REGISTRY_ADDRESS']);
  t.same(names('FROM /x INTO $upstream'), []);
  t.same(names('$edgeAgent $edgeHub $schema-template'), []);
  t.same(names('<Container_Registry>/x:<Build.BuildNumber>'), ['pipeline:Container_Registry', 'pipeline:Build.BuildNumber']);
  t.same(names('#{Token}#'), ['pipeline:Token']);
  t.same(names('$$ESCAPED'), []);
});

t.test('SARIF 2.1.0 shape', async (t) => {
  const log = toSarif([{ severity: 'error', code: 'X_Y', message: 'm', file: 'dir/a b.json', line: 2, column: 3, endLine: 2, endColumn: 5, pointer: '/a', hint: 'h' }], { version: '1.0.0' });
  t.equal(log.version, '2.1.0');
  const run = log.runs[0] as { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[] };
  t.same(run.tool.driver.rules.map((r) => r.id), ['X_Y']);
  const result = run.results[0];
  t.equal(result?.ruleIndex, 0);
  t.equal(result?.level, 'error');
  t.equal(result?.message.text, 'm. h');
  t.equal(result?.locations[0]?.physicalLocation.artifactLocation.uri, 'dir/a%20b.json');
  t.same(result?.locations[0]?.physicalLocation.region, { startLine: 2, startColumn: 3, endLine: 2, endColumn: 5 });
});

t.test('byte sizes', async (t) => {
  t.equal(parseByteSize('4MiB'), 4 * 1024 * 1024);
  t.equal(parseByteSize('512k'), 512 * 1024);
  t.equal(parseByteSize('100'), 100);
  t.equal(parseByteSize('0'), undefined);
  t.equal(parseByteSize('lots'), undefined);
  t.equal(parseByteSize('4 parsecs'), undefined);
});

t.test('document kinds', async (t) => {
  t.equal(detectKind({ modulesContent: {} }, { fileName: 'config/deployment.amd64.json' }), 'deployment');
  t.equal(detectKind({ modulesContent: {} }, { fileName: 'deployment.template.json' }), 'template');
  t.equal(detectKind({ $schemaTemplate: 1, 'modulesContent': {}, '$schema-template': '4.0.0' }, { fileName: 'x.json' }), 'template');
  t.equal(detectKind({ content: { modulesContent: {} } }, { fileName: 'layer.json' }), 'layered');
  t.equal(detectKind({ modulesContent: { $edgeAgent: { 'properties.desired.modules.x': {} } } }, { fileName: 'l.template.json' }), 'layered-template');
  t.equal(detectKind({ $edgeHub: {} }, { fileName: 'fragment.json' }), 'layered');
  t.equal(detectKind({ image: {} }, { fileName: 'modules/x/module.json' }), 'module');
  t.equal(detectKind({ modulesContent: {} }, { fileName: 'x.json', layered: true }), 'layered');
  t.equal(detectKind({}, { fileName: 'x.json', kind: 'template' }), 'template');
});
