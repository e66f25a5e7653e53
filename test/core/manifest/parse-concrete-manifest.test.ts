/** parseConcreteManifest: concrete-only validation, then the typed manifest. */
import t from 'tap';
import { parseConcreteManifest } from '../../../src/core/manifest/parse-concrete-manifest.js';

const good = {
  modulesContent: {
    $edgeAgent: { 'properties.desired': { schemaVersion: '1.1', runtime: { type: 'docker', settings: {} }, systemModules: {
      edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.5' } },
      edgeHub: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'mcr.microsoft.com/azureiotedge-hub:1.5' } },
    }, modules: { m: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'localhost:5000/m:1.0', createOptions: '{}' } } } } },
    $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: {}, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
  },
};

t.test('a valid manifest comes back typed', async (t) => {
  const result = parseConcreteManifest(JSON.stringify(good), { fileName: 'd.json' });
  t.ok(result.ok);
  if (result.ok) t.equal(result.manifest.modulesContent.$edgeAgent['properties.desired'].modules['m']?.settings.image, 'localhost:5000/m:1.0');
});

t.test('the legacy moduleContent key is normalised', async (t) => {
  const result = parseConcreteManifest(JSON.stringify({ moduleContent: good.modulesContent }), { fileName: 'd.json' });
  t.ok(result.ok && result.manifest.modulesContent !== undefined && result.warnings.some((w) => w.code === 'LEGACY_MODULE_CONTENT'));
});

t.test('a template never passes as a deployment', async (t) => {
  const template = structuredClone(good) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  template['$schema-template'] = '4.0.0';
  template.modulesContent.$edgeAgent['properties.desired'].modules.m.settings.image = '${MODULES.m}';
  const result = parseConcreteManifest(JSON.stringify(template), { fileName: 'deployment.template.json' });
  t.notOk(result.ok);
  if (!result.ok) t.ok(result.diagnostics.some((d) => d.code === 'PLACEHOLDER_UNEXPANDED'));
});

t.test('bad JSON is diagnostics, not an exception', async (t) => {
  const result = parseConcreteManifest('{', { fileName: 'd.json' });
  t.notOk(result.ok);
});
