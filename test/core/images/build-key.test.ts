import t from 'tap';
import { canonicalJson } from '../../../src/core/json/canonical-json.js';
import { BUILD_KEY_LABEL, buildKey, contextDigest, CREATED_LABEL, decideUpToDate, type BuildKeyInputs, type ContextEntryDigest } from '../../../src/core/images/build-key.js';
import { emptyBuildSettings } from '../../../src/core/images/build-options.js';

const files: ContextEntryDigest[] = [
  { path: 'Dockerfile', type: 'file', mode: 0o100644, content: 'a'.repeat(64) },
  { path: 'src', type: 'directory', mode: 0o40755, content: '' },
  { path: 'src/app.js', type: 'file', mode: 0o100644, content: 'b'.repeat(64) },
];
const base = (): BuildKeyInputs => ({
  dockerfile: 'Dockerfile',
  context: contextDigest(files),
  settings: { ...emptyBuildSettings(), buildArgs: { A: '1' }, labels: { team: 'edge', [CREATED_LABEL]: '2024-01-01T00:00:00Z' } },
  platform: 'linux/amd64',
  bases: [{ image: 'node:20', id: 'sha256:1' }],
});
const key = buildKey(base());

t.match(key, /^sha256:[0-9a-f]{64}$/);
t.equal(buildKey(base()), key, 'deterministic');

const changes: Array<[string, (inputs: BuildKeyInputs) => void]> = [
  ['a file\'s content', (i) => { i.context = contextDigest([files[0]!, files[1]!, { ...files[2]!, content: 'c'.repeat(64) }]); }],
  ['a file\'s mode', (i) => { i.context = contextDigest([files[0]!, files[1]!, { ...files[2]!, mode: 0o100755 }]); }],
  ['a renamed file', (i) => { i.context = contextDigest([files[0]!, files[1]!, { ...files[2]!, path: 'src/main.js' }]); }],
  ['a file added', (i) => { i.context = contextDigest([...files, { path: 'x', type: 'file', mode: 0o100644, content: '' }]); }],
  ['a build arg', (i) => { i.settings.buildArgs['A'] = '2'; }],
  ['a label', (i) => { i.settings.labels['team'] = 'core'; }],
  ['the target', (i) => { i.settings.target = 'runtime'; }],
  ['an extra host', (i) => { i.settings.extraHosts.push('h:1.2.3.4'); }],
  ['the platform', (i) => { i.platform = 'linux/arm64'; }],
  ['the Dockerfile path', (i) => { i.dockerfile = 'Dockerfile.debug'; }],
  ['a base image\'s ID', (i) => { i.bases = [{ image: 'node:20', id: 'sha256:2' }]; }],
  ['another base', (i) => { i.bases = [...i.bases, { image: 'alpine:3', id: 'sha256:3' }]; }],
];
for (const [what, change] of changes) {
  const inputs = base();
  change(inputs);
  t.not(buildKey(inputs), key, `${what} changes the key`);
}

const same: Array<[string, (inputs: BuildKeyInputs) => void]> = [
  ['the created label', (i) => { i.settings.labels[CREATED_LABEL] = '2025-01-01T00:00:00Z'; }],
  ['a key label already present', (i) => { i.settings.labels[BUILD_KEY_LABEL] = 'sha256:old'; }],
  ['--no-cache', (i) => { i.settings.noCache = true; }],
  ['label order', (i) => { i.settings.labels = { [CREATED_LABEL]: 'x', team: 'edge' }; }],
  ['base order', (i) => { i.bases = [{ image: 'node:20', id: 'sha256:1' }]; }],
];
for (const [what, change] of same) {
  const inputs = base();
  change(inputs);
  t.equal(buildKey(inputs), key, `${what} does not change the key`);
}

t.same(decideUpToDate(key, { id: 'sha256:img', labels: { [BUILD_KEY_LABEL]: key } }, false), { kind: 'up-to-date', imageId: 'sha256:img' });
t.match(decideUpToDate(key, { id: 'sha256:img', labels: { [BUILD_KEY_LABEL]: key } }, true), { kind: 'build', reason: /no-cache/ });
t.match(decideUpToDate(key, { id: 'sha256:img', labels: { [BUILD_KEY_LABEL]: 'sha256:other' } }, false), { kind: 'build', reason: /changed/ });
t.match(decideUpToDate(key, { id: 'sha256:img', labels: {} }, false), { kind: 'build', reason: /not built by edgectl/ });
t.match(decideUpToDate(key, undefined, false), { kind: 'build', reason: /no image/ });

t.equal(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] }), '{"a":[{"d":2}],"b":1}');
