import t from 'tap';
import { credentialsFromDockerConfig, credentialsFromEnvironment, dockerConfigSource, helperServerAddress, isHelperNotFound, normalizeRegistry, parseHelperOutput } from '../../../src/core/images/registry-credentials.js';
import { parseAuthChallenge } from '../../../src/core/images/www-authenticate.js';
import { parseImageReference, repositoryName } from '../../../src/core/images/image-reference.js';

t.test('Azure .env credentials, with _N suffixes for more registries', async (t) => {
  const env = {
    CONTAINER_REGISTRY_SERVER: 'localhost:5000', CONTAINER_REGISTRY_USERNAME: '', CONTAINER_REGISTRY_PASSWORD: '',
    CONTAINER_REGISTRY_SERVER_1: 'myacr.azurecr.io', CONTAINER_REGISTRY_USERNAME_1: 'acr-user', CONTAINER_REGISTRY_PASSWORD_1: 'acr-pass',
    CONTAINER_REGISTRY_SERVER_2: 'https://index.docker.io/v1/', CONTAINER_REGISTRY_USERNAME_2: 'hubber', CONTAINER_REGISTRY_PASSWORD_2: 'hub-pass',
  };
  t.equal(credentialsFromEnvironment('localhost:5000', env), undefined, 'empty credentials mean anonymous');
  t.match(credentialsFromEnvironment('myacr.azurecr.io', env), { username: 'acr-user', password: 'acr-pass' });
  t.match(credentialsFromEnvironment('index.docker.io', env), { username: 'hubber', password: 'hub-pass' });
  t.equal(credentialsFromEnvironment('other.example.com', env), undefined);
});

t.test('Docker config.json auths', async (t) => {
  const config = { auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('hub:pa:ss').toString('base64') }, 'myacr.azurecr.io': { username: 'u', password: 'p' } } };
  t.match(credentialsFromDockerConfig('index.docker.io', config), { username: 'hub', password: 'pa:ss' });
  t.match(credentialsFromDockerConfig('myacr.azurecr.io', config), { username: 'u', password: 'p' });
  t.equal(credentialsFromDockerConfig('nope.io', config), undefined);
  t.equal(credentialsFromDockerConfig('nope.io', null), undefined);
  t.equal(normalizeRegistry('HTTPS://LocalHost:5000/'), 'localhost:5000');
});

t.test('WWW-Authenticate challenges', async (t) => {
  t.same(parseAuthChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'), {
    scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull' },
  });
  t.same(parseAuthChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
  t.equal(parseAuthChallenge(null), undefined);
});

const references: Array<[string, string, string | undefined, string | undefined]> = [
  ['alpine', 'index.docker.io/library/alpine', undefined, undefined],
  ['docker.io/x/y:1', 'index.docker.io/x/y', '1', undefined],
  ['localhost:5000/foo', 'localhost:5000/foo', undefined, undefined],
  ['127.0.0.1:5000/demo/filter:0.0.1-amd64.debug', '127.0.0.1:5000/demo/filter', '0.0.1-amd64.debug', undefined],
  [`myacr.azurecr.io/m@sha256:${'a'.repeat(64)}`, 'myacr.azurecr.io/m', undefined, `sha256:${'a'.repeat(64)}`],
];
for (const [text, name, tag, digest] of references) {
  t.test(`image reference ${text}`, async (t) => {
    const reference = parseImageReference(text);
    t.equal(repositoryName(reference), name);
    t.equal(reference.tag, tag);
    t.equal(reference.digest, digest);
  });
}
for (const bad of ['Upper/Case', 'x@sha256:short', 'a//b', 'x:bad tag']) {
  t.throws(() => parseImageReference(bad), { code: 'IMAGE_REFERENCE_INVALID' }, bad);
}

t.test('Docker config: credHelpers, then credsStore, then auths — as the Docker CLI picks', async (t) => {
  const auths = { 'myacr.azurecr.io': { username: 'u', password: 'p' }, 'plain.example.com': { auth: Buffer.from('a:b').toString('base64') } };
  t.match(dockerConfigSource('myacr.azurecr.io', { auths }), { kind: 'inline', credentials: { username: 'u', password: 'p' } });
  t.same(dockerConfigSource('nope.io', { auths }), { kind: 'none' });
  t.same(dockerConfigSource('myacr.azurecr.io', { auths, credsStore: 'desktop' }), { kind: 'helper', program: 'docker-credential-desktop', serverAddress: 'myacr.azurecr.io', setting: 'credsStore' }, 'credsStore wins over auths');
  const both = { auths, credsStore: 'desktop', credHelpers: { 'https://MyAcr.azurecr.io': 'acr-env', 'other.io': 'ecr-login' } };
  t.match(dockerConfigSource('myacr.azurecr.io', both), { program: 'docker-credential-acr-env', setting: 'credHelpers' }, 'credHelpers wins for its registry');
  t.match(dockerConfigSource('plain.example.com', both), { program: 'docker-credential-desktop', setting: 'credsStore' });
  t.match(dockerConfigSource('docker.io', { credsStore: 'pass' }), { serverAddress: 'https://index.docker.io/v1/' }, 'Docker Hub is stored under its v1 URL');
  t.match(dockerConfigSource('localhost:5000', { credsStore: '' , auths: { 'localhost:5000': { username: 'x', password: 'y' } } }), { kind: 'inline' }, 'an empty credsStore is none');
  for (const bad of ['../../bin/sh', 'a b', '-rf']) {
    t.throws(() => dockerConfigSource('x.io', { credsStore: bad }), { code: 'CREDENTIAL_HELPER_FAILED' }, `"${bad}" is refused as a program name`);
  }
});

t.test('credential helper answers', async (t) => {
  t.same(parseHelperOutput('{"ServerURL":"x.io","Username":"alice","Secret":"s3cret"}', 'docker-credential-x'), { username: 'alice', password: 's3cret', source: 'docker-credential-x' });
  for (const [what, output] of [['not JSON', 'Secret=s3cret'], ['no Secret', '{"Username":"alice"}'], ['an identity token', '{"Username":"<token>","Secret":"s3cret"}'], ['null', 'null']] as const) {
    let error: unknown;
    try { parseHelperOutput(output, 'docker-credential-x'); } catch (caught) { error = caught; }
    t.match(error, { code: 'CREDENTIAL_HELPER_FAILED' }, what);
    t.notMatch(String((error as Error).message), /s3cret/, `${what}: the secret is not repeated`);
  }
  t.ok(isHelperNotFound('credentials not found in native keychain\n'));
  t.notOk(isHelperNotFound('error getting credentials - err: exit status 1'));
  t.equal(helperServerAddress('HTTPS://Registry.Example.com:5000/'), 'registry.example.com:5000');
});
