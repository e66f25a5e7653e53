import t from 'tap';
import { buildxArguments, engineBuildQuery, parseBuildOptions, splitArguments } from '../../../src/core/images/build-options.js';
import { EdgeError } from '../../../src/core/errors.js';

t.same(splitArguments(`--build-arg "A=x y" --label 'k=v w' a\\ b`), ['--build-arg', 'A=x y', '--label', 'k=v w', 'a b']);

t.test('Azure-style options map onto the Engine API query', async (t) => {
  const settings = parseBuildOptions(['--add-host=registry:10.0.0.1', '--build-arg NODE_ENV=production', '--build-arg FROM_ENV', '--label team=edge',
    '--target runtime', '--network=host', '--no-cache', '--memory 512m', '--shm-size=1g', '--rm', '-t ignored:tag', '--file=Other.Dockerfile', '--cache-from x/y:1'], { FROM_ENV: 'env-value' });
  const query = engineBuildQuery(settings);
  t.same(query['buildargs'], { NODE_ENV: 'production', FROM_ENV: 'env-value' });
  t.same(query['labels'], { team: 'edge' });
  t.equal(query['extrahosts'], 'registry:10.0.0.1');
  t.equal(query['target'], 'runtime');
  t.equal(query['networkmode'], 'host');
  t.equal(query['nocache'], true);
  t.equal(query['memory'], 512 * 1024 * 1024);
  t.equal(query['shmsize'], 1024 ** 3);
  t.same(query['cachefrom'], ['x/y:1']);
  t.notOk('t' in query, 'tags from buildOptions are ignored; edgectl sets the tag');
  t.same(buildxArguments(settings, { tag: 'r:1-arm64v8', dockerfile: 'Dockerfile', context: '.', platform: 'linux/arm64' }).slice(0, 8), ['buildx', 'build', '--load', '--platform', 'linux/arm64', '--tag', 'r:1-arm64v8', '--file']);
});

for (const bad of ['--isolation=hyperv', '--ulimit nofile=1024', '--memory lots', '--target']) {
  t.test(`unsupported or malformed: ${bad}`, async (t) => {
    const error = catchError(() => parseBuildOptions([bad], {}));
    t.ok(error instanceof EdgeError && error.code === 'BUILD_OPTION_UNSUPPORTED' && error.message.includes(bad.split(/[ =]/)[0] ?? ''), String(error));
  });
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
