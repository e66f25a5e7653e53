/**
 * Images from a real registry: pulled when missing (on-create), never pulled under "never", and with
 * --enforce-signatures only cosign-signed images run, by the verified digest.
 */
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signImage } from '../../src/adapters/image-signatures.js';
import { generateSigningKeyPair } from '../../src/core/signing/cosign-key.js';
import { publicKeyPem } from '../../src/core/signing/signature.js';
import { run, runOrThrow } from '../harness/processes.js';
import { startRegistry } from '../harness/registry.js';
import { requireService } from '../harness/require-service.js';
import { FAST_BACKOFF, MODULE_IMAGE, TestSupervisor, deviceContainers, ensureModuleImage, manifest, uniqueDeviceId } from './supervisor-process.js';

const registry = await requireService(t, 'Docker Engine and docker-registry', async () => { await ensureModuleImage(); return startRegistry(); });
if (registry !== undefined) {
  t.teardown(() => registry.stop());
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-images-'));
  const signed = `${registry.host}/edgectl-test/signed:1`;
  const unsigned = `${registry.host}/edgectl-test/unsigned:1`;
  const absent = `${registry.host}/edgectl-test/absent:1`;
  // A second image with its own digest (a signature covers a digest, not a tag).
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${MODULE_IMAGE}\nLABEL dev.edgectl.test-variant=unsigned\n`);
  runOrThrow('docker', ['build', '-q', '-t', unsigned, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  runOrThrow('docker', ['tag', MODULE_IMAGE, signed]);
  runOrThrow('docker', ['push', signed]);
  runOrThrow('docker', ['push', unsigned]);
  const key = generateSigningKeyPair();
  await signImage({ image: signed, privateKey: key.privateKey });
  const trustKey = join(dir, 'cosign.pub');
  writeFileSync(trustKey, publicKeyPem(key.publicKey));
  // Only the registry has them now: the supervisor must pull.
  run('docker', ['rmi', signed, unsigned]);
  t.teardown(() => {
    run('docker', ['rmi', signed, unsigned, ...run('docker', ['images', '-q', '--filter', `reference=${registry.host}/edgectl-test/*`]).stdout.trim().split('\n').filter(Boolean)]);
    rmSync(dir, { recursive: true, force: true });
  });

  await t.test('on-create pulls a missing image; "never" refuses to', async (t) => {
    const sv = new TestSupervisor(uniqueDeviceId('pull'));
    t.teardown(() => sv.destroy());
    await sv.start();
    const applied = await sv.client.apply(manifest({ pulled: { image: unsigned }, offline: { image: absent, imagePullPolicy: 'never' } }));
    const status = await sv.waitFor('pulled running, offline failed', (s) => s.deployment?.id === applied.deploymentId
      && s.modules.some((m) => m.name === 'pulled' && m.runtimeStatus === 'running')
      && s.modules.some((m) => m.name === 'offline' && m.runtimeStatus === 'failed'), 60_000);
    t.match(status.modules.find((m) => m.name === 'offline')?.reason ?? '', /not on the device and imagePullPolicy is "never"/);
    t.equal(status.deployment?.state, 'failed');
    t.same(deviceContainers(sv.deviceId).map((c) => c.module), ['pulled']);
  });

  await t.test('--enforce-signatures: a signed image runs by digest, an unsigned one is refused', async (t) => {
    const sv = new TestSupervisor(uniqueDeviceId('sig'), [...FAST_BACKOFF, '--enforce-signatures', '--trust-key', trustKey]);
    t.teardown(() => sv.destroy());
    await sv.start();
    const applied = await sv.client.apply(manifest({ good: { image: signed }, bad: { image: unsigned } }));
    const status = await sv.waitFor('good running, bad failed', (s) => s.deployment?.id === applied.deploymentId
      && s.modules.some((m) => m.name === 'good' && m.runtimeStatus === 'running')
      && s.modules.some((m) => m.name === 'bad' && m.runtimeStatus === 'failed'), 60_000);
    t.match(status.modules.find((m) => m.name === 'bad')?.reason ?? '', /refused: SIGNATURE_NOT_FOUND/);
    const image = runOrThrow('docker', ['inspect', '--format', '{{.Config.Image}}', `${sv.deviceId}.good`]).trim();
    t.match(image, new RegExp(`^${registry.host}/edgectl-test/signed@sha256:[0-9a-f]{64}$`), 'runs the verified digest');
    t.equal(status.modules.find((m) => m.name === 'good')?.imageDigest, image, 'status reports the digest');
    t.same(deviceContainers(sv.deviceId).map((c) => c.module), ['good'], 'no container for the refused image');
  });

  await t.test('images sent through the API: asked for by name, loaded from a docker save stream, bad input refused', async (t) => {
    const sv = new TestSupervisor(uniqueDeviceId('load'));
    t.teardown(() => sv.destroy());
    await sv.start();
    const sent = `edgectl-test/sent:${process.pid}`;
    t.teardown(() => run('docker', ['rmi', sent]));
    runOrThrow('docker', ['tag', MODULE_IMAGE, sent]);
    const id = runOrThrow('docker', ['image', 'inspect', '--format', '{{.Id}}', sent]).trim();
    const { EngineApi } = await import('../../src/adapters/engine-api.js');
    const { dockerEndpoint } = await import('../../src/adapters/docker.js');
    const tar = await new EngineApi(dockerEndpoint(process.env)).saveImage(sent);
    const chunks: Buffer[] = [];
    for await (const chunk of tar) chunks.push(chunk as Buffer);
    run('docker', ['rmi', sent]);
    t.equal(await sv.client.image(sent), undefined, 'not on the device once removed');
    const { Readable } = await import('node:stream');
    t.same(await sv.client.loadImages(Readable.from(chunks)), { loaded: [sent] });
    t.same(await sv.client.image(sent), { reference: sent, id }, 'the same image id after the trip');
    await t.rejects(sv.client.loadImages(Readable.from([Buffer.from('not a tar at all')])), { code: 'IMAGE_LOAD_FAILED' });
    t.same(await sv.client.health().then((h) => h.architecture), ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch]);
  });
}
