import t from 'tap';
import { modulesReferencedByTemplate, moduleImageTag, parseModuleConfig, platformKey } from '../../../src/core/images/module-config.js';
import { EdgeError } from '../../../src/core/errors.js';

const azureModuleJson = JSON.stringify({
  $schema_version: '0.0.1',
  description: '',
  image: {
    repository: '${CONTAINER_REGISTRY_SERVER}/FilterModule',
    tag: { version: '0.0.$BUILD', platforms: { amd64: './Dockerfile.amd64', 'amd64.debug': './Dockerfile.amd64.debug' } },
    buildOptions: ['--build-arg MODE=$MODE'],
    contextPath: './',
  },
  language: 'javascript',
});

t.test('module.json in Azure\'s format, env-expanded', async (t) => {
  const config = parseModuleConfig('filtermodule', azureModuleJson, { CONTAINER_REGISTRY_SERVER: 'localhost:5000', BUILD: '7' });
  t.equal(config.repository, 'localhost:5000/FilterModule');
  t.equal(config.version, '0.0.7');
  t.same(config.buildOptions, ['--build-arg MODE=$MODE'], 'unknown variables are left as written');
  t.equal(moduleImageTag(config, platformKey('amd64', false)), 'localhost:5000/filtermodule:0.0.7-amd64');
  t.equal(moduleImageTag(config, platformKey('amd64', true)), 'localhost:5000/filtermodule:0.0.7-amd64.debug');
  t.equal(moduleImageTag(config, 'amd64', 'ci42'), 'localhost:5000/filtermodule:0.0.7-ci42-amd64');
});

t.test('defaults and errors', async (t) => {
  const minimal = parseModuleConfig('m', '{"image":{"repository":"r/m","tag":{"platforms":{"amd64":"Dockerfile"}}}}', {});
  t.equal(minimal.version, '0.0.0');
  t.equal(minimal.contextPath, '.');
  for (const bad of ['not json', '{}', '{"image":{"repository":"r"}}', '{"image":{"repository":"r","tag":{"platforms":{"amd64":"D"}},"buildOptions":"--x"}}']) {
    const error = catchError(() => parseModuleConfig('m', bad, {}));
    t.ok(error instanceof EdgeError && error.code === 'MODULE_JSON_INVALID', bad);
  }
});

t.same(modulesReferencedByTemplate('{"image":"${MODULES.filter}","b":"${MODULES.other.debug}","c":"${MODULES.filter.arm32v7}"}'), ['filter', 'other']);

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
