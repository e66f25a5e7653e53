/**
 * Our signatures checked by an implementation that is not ours: cosign cannot be installed here
 * (not in Debian, no network), so this is the proxy for `cosign verify --key cosign.pub
 * --insecure-ignore-tlog`. `edgectl sign` writes to a real registry; the test then reads the
 * `.sig` manifest and blobs with plain HTTP, checks they are built exactly as the real cosign
 * artifacts in the reference vectors are (same fields, same order, compact JSON), hashes the blobs
 * with openssl, and has `openssl dgst -sha256 -verify` check every signature over the payload.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { RegistryClient } from '../../src/adapters/registry-client.js';
import { pushTinyImage } from '../adapters/registry-fixtures.js';
import { runEdgectl } from '../harness/cli.js';
import { startRegistry } from '../harness/registry.js';
import { requireService } from '../harness/require-service.js';

/** The real cosign v3.0.4 artifact (test/fixtures/signing-vectors, copied from shared/reference). */
const VECTORS = fileURLToPath(new URL('../../../test/fixtures/signing-vectors/cosign-v3.0.4-tobby-fixture/', import.meta.url));
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const SIGNATURE = 'dev.cosignproject.cosign/signature';

interface Descriptor { mediaType: string; size: number; digest: string; annotations?: Record<string, string> }
interface SigManifest { schemaVersion: number; mediaType: string; config: Descriptor; layers: Descriptor[] }

function openssl(args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.error !== undefined) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** A reference artifact with some values swapped, re-serialized in its own field order. */
function likeVector(file: string, change: (document: Record<string, unknown>) => void): string {
  const text = readFileSync(join(VECTORS, file), 'utf8').trim();
  const document = JSON.parse(text) as Record<string, unknown>;
  change(document);
  return JSON.stringify(document);
}

t.test('signatures made by edgectl verify with openssl, in the byte layout of real cosign artifacts', async (t) => {
  const tool = await requireService(t, 'openssl', async () => {
    const version = spawnSync('openssl', ['version'], { encoding: 'utf8' });
    if (version.status !== 0) throw new Error('openssl is not installed (apt-get install openssl)');
    return version.stdout.trim();
  });
  if (tool === undefined) return;
  const registry = await requireService(t, 'docker-registry', startRegistry);
  if (registry === undefined) return;
  t.teardown(() => registry.stop());
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-openssl-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));

  for (const vector of ['payload.json', 'config.json', 'sig-manifest.json']) {
    const text = readFileSync(join(VECTORS, vector), 'utf8').trim();
    t.equal(JSON.stringify(JSON.parse(text)), text, `${vector}: JSON.stringify keeps cosign's field order and compact form, so the comparison below is byte-exact`);
  }

  const digest = await pushTinyImage(new RegistryClient({ registry: registry.host }), 'interop/app', '1');
  const image = `${registry.host}/interop/app:1`;
  const env = { EDGECTL_PASSWORD: 'pw' };
  t.equal((await runEdgectl(['keygen'], { cwd: dir, env })).exitCode, 0);
  t.equal((await runEdgectl(['keygen', '--output-key-prefix', 'second'], { cwd: dir, env })).exitCode, 0);
  for (const key of ['cosign.key', 'second.key']) {
    const sign = await runEdgectl(['sign', image, '--key', key], { cwd: dir, env });
    t.equal(sign.exitCode, 0, sign.stderr);
  }
  t.match(openssl(['pkey', '-pubin', '-in', 'cosign.pub', '-noout', '-text'], dir).stdout, /ASN1 OID: prime256v1/, 'the key is ECDSA P-256, as cosign generates');

  const base = `${registry.url}/v2/interop/app`;
  const response = await fetch(`${base}/manifests/${digest.replace(':', '-')}.sig`, { headers: { accept: OCI_MANIFEST } });
  t.equal(response.status, 200, 'the signature manifest is at the tag sha256-<hex>.sig');
  t.equal(response.headers.get('content-type'), OCI_MANIFEST);
  const manifestText = await response.text();
  const manifest = JSON.parse(manifestText) as SigManifest;
  t.equal(manifest.layers.length, 2, 'the second signature was appended, not swapped in');

  const blob = async (descriptor: Descriptor, name: string): Promise<Buffer> => {
    const bytes = Buffer.from(await (await fetch(`${base}/blobs/${descriptor.digest}`)).arrayBuffer());
    writeFileSync(join(dir, name), bytes);
    t.equal(bytes.length, descriptor.size, `${name}: size as the descriptor says`);
    t.equal(`sha256:${openssl(['dgst', '-sha256', '-r', name], dir).stdout.split(' ')[0]}`, descriptor.digest, `${name}: openssl's sha256 is the descriptor's digest`);
    return bytes;
  };

  const expectedPayload = likeVector('payload.json', (p) => {
    const critical = p['critical'] as { identity: Record<string, string>; image: Record<string, string> };
    critical.identity['docker-reference'] = `${registry.host}/interop/app`;
    critical.image['docker-manifest-digest'] = digest;
  });
  const payloadDigests: string[] = [];
  for (const [index, layer] of manifest.layers.entries()) {
    const payload = await blob(layer, `payload-${index}`);
    t.equal(payload.toString('utf8'), expectedPayload, `layer ${index} is the simple-signing payload, byte for byte as cosign writes it`);
    t.equal(layer.mediaType, 'application/vnd.dev.cosign.simplesigning.v1+json');
    t.same(Object.keys(layer.annotations ?? {}), [SIGNATURE], 'keyed mode: the signature annotation only (no certificate, no bundle)');
    payloadDigests.push(layer.digest);

    const signature = layer.annotations?.[SIGNATURE] ?? '';
    t.match(signature, /^[A-Za-z0-9+/]+={0,2}$/, 'standard base64');
    writeFileSync(join(dir, `sig-${index}.der`), Buffer.from(signature, 'base64'));
    t.match(openssl(['asn1parse', '-inform', 'DER', '-in', `sig-${index}.der`], dir).stdout, /SEQUENCE[\s\S]*INTEGER[\s\S]*INTEGER/, 'an ASN.1 DER ECDSA signature');
    const signer = index === 0 ? 'cosign.pub' : 'second.pub';
    const other = index === 0 ? 'second.pub' : 'cosign.pub';
    const verified = openssl(['dgst', '-sha256', '-verify', signer, '-signature', `sig-${index}.der`, `payload-${index}`], dir);
    t.equal(verified.status, 0, `openssl verifies layer ${index} with ${signer}: ${verified.stdout}${verified.stderr}`);
    t.match(verified.stdout, /Verified OK/);
    t.not(openssl(['dgst', '-sha256', '-verify', other, '-signature', `sig-${index}.der`, `payload-${index}`], dir).status, 0, `and refuses it with ${other}`);
    writeFileSync(join(dir, 'tampered'), payload.toString('utf8').replace(digest, `sha256:${'0'.repeat(64)}`));
    t.not(openssl(['dgst', '-sha256', '-verify', signer, '-signature', `sig-${index}.der`, 'tampered'], dir).status, 0, 'and refuses a payload for another digest');
  }

  const config = await blob(manifest.config, 'config');
  const expectedConfig = likeVector('config.json', (c) => {
    c['history'] = payloadDigests.map(() => ({ created: '0001-01-01T00:00:00Z' }));
    (c['rootfs'] as { diff_ids: string[] }).diff_ids = payloadDigests;
  });
  t.equal(config.toString('utf8'), expectedConfig, 'the config is go-containerregistry\'s empty image plus one diff_id per signature, as cosign writes it');

  const expectedManifest = likeVector('sig-manifest.json', (m) => {
    const vectorLayer = (m['layers'] as Descriptor[])[0] as Descriptor;
    m['config'] = { ...(m['config'] as Descriptor), size: manifest.config.size, digest: manifest.config.digest };
    m['layers'] = manifest.layers.map((layer) => ({ ...vectorLayer, size: layer.size, digest: layer.digest, annotations: { [SIGNATURE]: layer.annotations?.[SIGNATURE] ?? '' } }));
  });
  t.equal(manifestText, expectedManifest, 'the manifest has cosign\'s fields in cosign\'s order, compact, with no subject or manifest annotations');
});
