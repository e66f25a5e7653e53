import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runEdgectl } from '../harness/cli.js';
import { ensureBaseImages } from '../harness/base-images.js';
import { ensureDockerEngine } from '../harness/docker-engine.js';
import { run } from '../harness/processes.js';
import { startRegistry } from '../harness/registry.js';
import { requireService } from '../harness/require-service.js';
import { writeNodeSolution } from './node-solution.js';
import type { ImageDigestsFile } from '../../src/protocol/image-digests.js';

interface ErrorDoc { error: { code: string; message: string; hint?: string } }
interface BuildDoc { images: Array<{ module: string; platform: string; image: string; imageId: string; digest?: string; signed?: boolean }>; imagesFile?: string }

t.test('build → push → sign → verify a Node module against the real engine and registry', async (t) => {
  const engine = await requireService(t, 'Docker Engine', async () => { await ensureDockerEngine(); ensureBaseImages(); return true; });
  if (engine === undefined) return;
  const registry = await requireService(t, 'docker-registry', startRegistry);
  if (registry === undefined) return;
  t.teardown(() => registry.stop());
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-build-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeNodeSolution(dir, registry.host);
  const image = `${registry.host}/filtermodule:0.0.1-amd64`;
  t.teardown(() => { run('docker', ['rmi', '-f', image, `${registry.host}/filtermodule:0.0.1-amd64.debug`]); });
  const env = { EDGECTL_PASSWORD: 'pw', SOURCE_DATE_EPOCH: '1700000000' };

  const build = await runEdgectl(['build', '--json'], { cwd: dir, env, timeoutMs: 300_000 });
  t.equal(build.exitCode, 0, build.stderr);
  const built = build.json<BuildDoc>();
  t.match(built.images, [{ module: 'filtermodule', platform: 'amd64', image }]);
  const events = build.stderr.trim().split('\n').map((line) => JSON.parse(line) as { event: string; text?: string });
  t.ok(events.some((e) => e.event === 'build.step' && /^Step 1\/\d+ : FROM node:20-bookworm-slim$/.test(e.text ?? '')), 'NDJSON build steps on stderr');
  t.ok(events.some((e) => e.event === 'build.done'));

  const greeting = run('docker', ['run', '--rm', image]);
  t.equal(greeting.stdout, 'hello-from-build-arg release\n', `buildOptions --build-arg applied ${greeting.stderr}`);
  const listing = run('docker', ['run', '--rm', image, 'ls']);
  t.equal(listing.stdout.split('\n').includes('secret.txt'), false, '.dockerignore honoured');
  t.ok(listing.stdout.split('\n').includes('app.js'), `the context was sent ${listing.stderr}`);
  const labels = JSON.parse(run('docker', ['image', 'inspect', '--format', '{{json .Config.Labels}}', image]).stdout) as Record<string, string>;
  t.equal(labels['org.opencontainers.image.version'], '0.0.1');
  t.equal(labels['org.opencontainers.image.created'], '2023-11-14T22:13:20.000Z', 'created from SOURCE_DATE_EPOCH');
  t.equal(labels['team'], 'edge', 'buildOptions --label applied');

  const rebuild = await runEdgectl(['build', '--json'], { cwd: dir, env, timeoutMs: 300_000 });
  t.equal(rebuild.json<BuildDoc>().images[0]?.imageId, built.images[0]?.imageId, 'an unchanged rebuild gives the same image');

  const debug = await runEdgectl(['build', '--debug', '--module', 'filtermodule'], { cwd: dir, env, timeoutMs: 300_000 });
  t.equal(debug.exitCode, 0, debug.stderr);
  const debugRun = run('docker', ['run', '--rm', `${registry.host}/filtermodule:0.0.1-amd64.debug`]);
  t.equal(debugRun.stdout, 'hello-from-build-arg debug\n', `--debug builds the .debug Dockerfile, tagged .debug ${debugRun.stderr}`);

  const push = await runEdgectl(['push', '--json'], { cwd: dir, env, timeoutMs: 300_000 });
  t.equal(push.exitCode, 0, push.stderr);
  const pushed = push.json<{ images: Array<{ image: string; digest: string }> }>();
  const digest = pushed.images[0]?.digest ?? '';
  t.match(digest, /^sha256:[0-9a-f]{64}$/);
  const served = await fetch(`${registry.url}/v2/filtermodule/manifests/0.0.1-amd64`, { method: 'HEAD', headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
  t.equal(served.headers.get('docker-content-digest'), digest, 'the recorded digest is the registry\'s');
  const recorded = JSON.parse(readFileSync(join(dir, 'config/images.json'), 'utf8')) as ImageDigestsFile;
  t.match(recorded, { schemaVersion: 1, images: { [image]: { repository: `${registry.host}/filtermodule`, tag: '0.0.1-amd64', digest, module: 'filtermodule', platform: 'amd64' } } });

  t.equal((await runEdgectl(['keygen'], { cwd: dir, env })).exitCode, 0);
  const sign = await runEdgectl(['sign', image, '--key', 'cosign.key', '--json'], { cwd: dir, env });
  t.equal(sign.exitCode, 0, sign.stderr);
  t.match(sign.json(), { digest, added: true });
  const verify = await runEdgectl(['verify', image, '--key', 'cosign.pub', '--json'], { cwd: dir, env });
  t.equal(verify.exitCode, 0, verify.stderr);
  t.match(verify.json(), { digest, pinned: `${registry.host}/filtermodule@${digest}` });

  const all = await runEdgectl(['build', '--push', '--sign', '--key', 'cosign.key', '-f', 'deployment.template.json', '--json'], { cwd: dir, env, timeoutMs: 300_000 });
  t.equal(all.exitCode, 0, all.stderr);
  t.match(all.json<BuildDoc>().images, [{ digest, signed: true }], 'build --push --sign in one go; unchanged image keeps its digest');
});

t.test('build errors a user can act on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-build-errors-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeNodeSolution(dir, '127.0.0.1:1');

  const noEngine = await runEdgectl(['build', '--json'], { cwd: dir, env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
  t.equal(noEngine.exitCode, 1);
  const error = noEngine.json<ErrorDoc>().error;
  t.equal(error.code, 'DOCKER_UNAVAILABLE');
  t.match(error.message, /unix:\/\/\/nonexistent\/docker\.sock/);
  t.match(error.hint, /DOCKER_HOST/);

  const dryRun = await runEdgectl(['build', '--dry-run', '--platform', 'amd64', '--json'], { cwd: dir, env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
  t.equal(dryRun.exitCode, 0, dryRun.stderr);
  t.match(dryRun.json(), { images: [], plan: [{ image: '127.0.0.1:1/filtermodule:0.0.1-amd64', dockerfile: /Dockerfile\.amd64$/, builder: 'engine' }] }, '--dry-run plans without an engine');

  const unknownModule = await runEdgectl(['build', '--module', 'filtermodul', '--json'], { cwd: dir });
  t.equal(unknownModule.exitCode, 2);
  t.match(unknownModule.json<ErrorDoc>().error, { code: 'MODULE_NOT_FOUND', hint: /filtermodule/ });

  const badPlatform = await runEdgectl(['build', '--platform', 'windows-amd64', '--json'], { cwd: dir });
  t.equal(badPlatform.json<ErrorDoc>().error.code, 'USAGE');

  const other = mkdtempSync(join(tmpdir(), 'edgectl-build-options-'));
  t.teardown(() => rmSync(other, { recursive: true, force: true }));
  writeNodeSolution(other, '127.0.0.1:1', { buildOptions: ['--isolation=hyperv'] });
  const unsupported = await runEdgectl(['build', '--json'], { cwd: other });
  t.equal(unsupported.exitCode, 2);
  t.match(unsupported.json<ErrorDoc>().error, { code: 'BUILD_OPTION_UNSUPPORTED', message: /--isolation/ });

  const engine = await requireService(t, 'Docker Engine', async () => { await ensureDockerEngine(); ensureBaseImages(); return true; });
  if (engine === undefined) return;
  const notBuilt = await runEdgectl(['push', '--json'], { cwd: dir });
  t.equal(notBuilt.exitCode, 1);
  t.equal(notBuilt.json<ErrorDoc>().error.code, 'IMAGE_NOT_BUILT', 'push before build');

  t.teardown(() => { run('docker', ['rmi', '-f', '127.0.0.1:1/filtermodule:0.0.1-amd64']); });
  const built = await runEdgectl(['build', '--json'], { cwd: dir, timeoutMs: 300_000 });
  t.equal(built.exitCode, 0, built.stderr);
  const unreachable = await runEdgectl(['push', '--json'], { cwd: dir, timeoutMs: 120_000 });
  t.equal(unreachable.exitCode, 1);
  t.match(unreachable.json<ErrorDoc>().error, { code: 'PUSH_FAILED', message: /127\.0\.0\.1:1/ }, 'an unreachable registry is named');

  const failing = mkdtempSync(join(tmpdir(), 'edgectl-build-fails-'));
  t.teardown(() => rmSync(failing, { recursive: true, force: true }));
  const failingModule = writeNodeSolution(failing, '127.0.0.1:1', { moduleName: 'broken' });
  writeFileSync(join(failingModule, 'Dockerfile.amd64'), 'FROM node:20-bookworm-slim\nRUN echo about to fail && exit 3\n');
  const broken = await runEdgectl(['build', '--json'], { cwd: failing, timeoutMs: 300_000 });
  t.equal(broken.exitCode, 1);
  t.match(broken.json<ErrorDoc>().error, { code: 'BUILD_FAILED', message: /non-zero code: 3/ });
  t.match(broken.stderr, /"event":"build.log".*about to fail/, 'the failing step\'s output was shown');

  if (run('docker', ['buildx', 'version']).status !== 0) {
    const cross = await runEdgectl(['build', '--platform', 'arm64v8', '--json'], { cwd: dir });
    t.equal(cross.exitCode, 1);
    t.match(cross.json<ErrorDoc>().error, { code: 'BUILDX_UNAVAILABLE', hint: /docker-buildx/ });
  }
});
