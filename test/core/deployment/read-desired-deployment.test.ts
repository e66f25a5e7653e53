import t from 'tap';
import { validateForApply } from '../../../src/core/deployment/validate-for-apply.js';
import { readDesiredDeployment } from '../../../src/core/deployment/read-desired-deployment.js';
import { credentialFor, normaliseImage } from '../../../src/core/deployment/desired-module.js';
import { containerSpec, moduleConfigHash } from '../../../src/core/deployment/container-spec.js';
import { deploymentId } from '../../../src/core/deployment/content-hash.js';
import { canonicalJson } from '../../../src/core/json/canonical-json.js';
import { SYSTEM_MODULES } from '../../supervisor/supervisor-process.js';

const manifest = (modules: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({
  modulesContent: {
    $edgeAgent: { 'properties.desired': { schemaVersion: '1.1', runtime: { type: 'docker', settings: {} }, systemModules: SYSTEM_MODULES, modules, ...extra } },
    $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: {}, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
  },
});
const module = (overrides: Record<string, unknown> = {}) => ({ type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'repo/app' }, ...overrides });

t.test('a valid module gets edgeAgent defaults', async (t) => {
  // The schema requires status and restartPolicy; the supervisor's reader still defaults them like edgeAgent.
  const result = readDesiredDeployment(JSON.parse(manifest({ m: { type: 'docker', settings: { image: 'repo/app' } } })));
  t.same(result.diagnostics, []);
  t.match(result.deployment.modules[0], { name: 'm', image: 'repo/app:latest', status: 'running', restartPolicy: 'on-unhealthy', imagePullPolicy: 'on-create', startupOrder: 4294967295 });
});

const invalid: [string, string, string][] = [
  ['not JSON', '{', 'JSON_SYNTAX'],
  ['no modulesContent', '{}', 'MANIFEST_NO_MODULES_CONTENT'],
  ['bad restart policy', manifest({ m: module({ restartPolicy: 'sometimes' }) }), 'MODULE_RESTART_POLICY'],
  ['bad status', manifest({ m: module({ status: 'paused' }) }), 'MODULE_STATUS'],
  ['no image', manifest({ m: module({ settings: {} }) }), 'MODULE_IMAGE'],
  ['bad module name', manifest({ 'a.b': module() }), 'MODULE_NAME'],
  ['createOptions not JSON', manifest({ m: module({ settings: { image: 'x', createOptions: '{nope' } }) }), 'MODULE_CREATE_OPTIONS'],
  ['env without value', manifest({ m: module({ env: { A: 'x' } }) }), 'MODULE_ENV'],
  ['schema 2.0', manifest({}, { schemaVersion: '2.0' }), 'AGENT_SCHEMA_VERSION'],
];
for (const [name, text, code] of invalid) {
  t.test(`refused: ${name}`, async (t) => {
    const result = validateForApply(text);
    t.equal(result.ok, false, 'the validate pipeline refuses it');
    t.ok(!result.ok && result.diagnostics.every((d) => d.severity === 'error' && d.line >= 1), 'with located errors');
    if (code === 'JSON_SYNTAX') return;
    // The supervisor's own reading refuses it too, on its own.
    const own = readDesiredDeployment(JSON.parse(text));
    t.ok(own.diagnostics.some((d) => d.code === code), `the structural reader says ${code}`);
  });
}

t.test('system modules are reported, with the settings that are not honoured', async (t) => {
  const result = validateForApply(manifest({}, { systemModules: { edgeAgent: { type: 'docker', settings: { image: 'a' } }, edgeHub: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'h', createOptions: '{}' }, env: { X: { value: '1' } } } } }));
  t.ok(result.ok);
  if (!result.ok) return;
  t.equal(result.deployment.systemModules.length, 2);
  t.match(result.deployment.warnings.join('\n'), /edgeHub: env cannot be honoured/);
});

t.test('image references and registry credentials', async (t) => {
  t.equal(normaliseImage('a/b'), 'a/b:latest');
  t.equal(normaliseImage('localhost:5000/b'), 'localhost:5000/b:latest');
  t.equal(normaliseImage('localhost:5000/b:1'), 'localhost:5000/b:1');
  t.equal(normaliseImage('b@sha256:00'), 'b@sha256:00');
  const creds = [{ name: 'r', address: 'reg.example.com', username: 'u', password: 'p' }];
  t.equal(credentialFor('reg.example.com/a:1', creds)?.name, 'r');
  t.equal(credentialFor('docker.io/a:1', creds), undefined);
});

t.test('container spec: env wins over createOptions.Env, Docker restart policy is removed, labels own it', async (t) => {
  const result = validateForApply(manifest({ m: module({ env: { A: { value: 2 } }, settings: { image: 'x:1', createOptions: JSON.stringify({ Env: ['A=1', 'B=1'], HostConfig: { RestartPolicy: { Name: 'always' }, Memory: 5 } }) } }) }));
  if (!result.ok) return t.fail('valid');
  const m = result.deployment.modules[0];
  if (m === undefined) return t.fail('module');
  const spec = containerSpec(m, 'dev1');
  t.equal(spec.name, 'dev1.m');
  t.same((spec.body['Env'] as string[]).sort(), ['A=2', 'B=1', 'IOTEDGE_DEVICEID=dev1', 'IOTEDGE_MODULEID=m']);
  t.same(spec.body['HostConfig'], { Memory: 5 });
  t.equal(spec.overridden.length, 1);
  t.match(spec.body['Labels'], { 'dev.edgectl.device-id': 'dev1', 'dev.edgectl.module': 'm', 'dev.edgectl.config-hash': moduleConfigHash(m) });
});

t.test('content hash ignores key order', async (t) => {
  t.equal(canonicalJson({ b: 1, a: [1, { d: 1, c: 2 }] }), '{"a":[1,{"c":2,"d":1}],"b":1}');
  t.equal(deploymentId({ a: 1, b: 2 }), deploymentId({ b: 2, a: 1 }));
  t.not(deploymentId({ a: 1 }), deploymentId({ a: 2 }));
});
