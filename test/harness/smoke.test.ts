/** Proves each real service the suite depends on: a container runs, an image round-trips through
 * the registry, and a command runs on a test device over ssh. */
import t from 'tap';
import { ensureBaseImages, NODE_BASE_IMAGES } from './base-images.js';
import { ensureDockerEngine } from './docker-engine.js';
import { run, runOrThrow } from './processes.js';
import { startRegistry } from './registry.js';
import { requireService } from './require-service.js';
import { startSshDevice } from './ssh-device.js';

const nodeImage = NODE_BASE_IMAGES[0];

t.test('a container runs on the Docker Engine, from the local Node base image', async (t) => {
  const engine = await requireService(t, 'Docker Engine', async () => { await ensureDockerEngine(); ensureBaseImages(); return true; });
  if (engine === undefined) return;
  const out = runOrThrow('docker', ['run', '--rm', nodeImage, 'node', '-e', 'console.log(process.version, process.getuid())']);
  t.match(out, /^v\d+\.\d+\.\d+ 0\n$/, 'node runs inside the container');
  const asNode = runOrThrow('docker', ['run', '--rm', '--user', 'node', nodeImage, 'sh', '-c', 'id -un; test -n "$NODE_EXTRA_CA_CERTS" && test -s "$NODE_EXTRA_CA_CERTS" && echo ca']);
  t.equal(asNode, 'node\nca\n', 'the image has the non-root node user and trusts the machine CA bundle');
});

t.test('an image round-trips through the registry', async (t) => {
  const registry = await requireService(t, 'docker-registry', startRegistry);
  if (registry === undefined) return;
  t.teardown(() => registry.stop());
  const reference = `${registry.host}/harness/smoke:1`;
  runOrThrow('docker', ['tag', nodeImage, reference]);
  runOrThrow('docker', ['push', reference], { timeoutMs: 120_000 });
  const catalog = await (await fetch(`${registry.url}/v2/_catalog`)).json() as { repositories: string[] };
  t.same(catalog.repositories, ['harness/smoke'], 'the registry lists the pushed repository');
  runOrThrow('docker', ['rmi', reference]);
  t.equal(run('docker', ['image', 'inspect', reference]).status, 1, 'the local tag is gone before the pull');
  runOrThrow('docker', ['pull', reference], { timeoutMs: 120_000 });
  t.equal(run('docker', ['image', 'inspect', reference]).status, 0, 'the pull brought the image back');
  runOrThrow('docker', ['rmi', reference]);
});

t.test('a command runs on a test device over ssh, with strict host-key checking', async (t) => {
  const device = await requireService(t, 'sshd test device', () => startSshDevice());
  if (device === undefined) return;
  t.teardown(() => device.stop());
  const result = device.ssh(['id', '-un']);
  t.equal(result.status, 0, `ssh succeeded: ${result.stderr}`);
  t.equal(result.stdout.trim(), device.user, 'the command ran as the device user');
  const docker = device.ssh(['docker', 'version', '--format', '{{.Server.Version}}']);
  t.equal(docker.status, 0, `the device user reaches the Docker Engine: ${docker.stderr}`);

  // A host key that does not match known_hosts must be refused, not accepted.
  const wrongKnownHosts = `${device.knownHosts}.wrong`;
  runOrThrow('sh', ['-c', 'ssh-keygen -q -t ed25519 -N "" -f "$1" && awk -v h="$2" \'{print h" "$1" "$2}\' "$1.pub" > "$3"', 'sh', `${device.knownHosts}.otherkey`, `[${device.address}]:${device.port}`, wrongKnownHosts]);
  const refused = run('ssh', ['-F', device.sshConfig, '-o', `UserKnownHostsFile=${wrongKnownHosts}`, device.alias, 'true']);
  t.equal(refused.status, 255, 'ssh refuses a host whose key changed');
  t.match(refused.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
});
