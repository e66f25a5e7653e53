/**
 * The end-to-end path on a module `edgectl new` scaffolds: build it for amd64 against the
 * harness's base image, push it to a real registry, sign it, verify it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runEdgectl } from '../harness/cli.js';
import { ensureBaseImages } from '../harness/base-images.js';
import { ensureDockerEngine } from '../harness/docker-engine.js';
import { run } from '../harness/processes.js';
import { startRegistry } from '../harness/registry.js';
import { requireService } from '../harness/require-service.js';
import type { ImageDigestsFile } from '../../src/protocol/image-digests.js';

t.test('scaffold a Node module, build, push, sign and verify it', async (t) => {
  const engine = await requireService(t, 'Docker Engine', async () => { await ensureDockerEngine(); ensureBaseImages(); return true; });
  if (engine === undefined) return;
  const registry = await requireService(t, 'docker-registry', startRegistry);
  if (registry === undefined) return;
  t.teardown(() => registry.stop());
  const work = mkdtempSync(join(tmpdir(), 'edgectl-scaffolded-'));
  t.teardown(() => rmSync(work, { recursive: true, force: true }));
  const env = { CI: '1', EDGECTL_PASSWORD: 'scaffold' };
  const repository = `${registry.host}/filter`;
  const image = `${repository}:0.0.1-amd64`;
  t.teardown(() => { run('docker', ['rmi', '-f', image]); });

  const created = await runEdgectl(['new', 'solution', 'sol', '--module', 'filter', '--lang', 'node', '--repository', repository], { cwd: work, env });
  t.equal(created.exitCode, 0, created.stderr);
  const sol = join(work, 'sol');
  t.equal((await runEdgectl(['keygen'], { cwd: sol, env })).exitCode, 0);

  const build = await runEdgectl(['build', '--module', 'filter', '--platform', 'amd64', '--push', '--sign', '--key', 'cosign.key', '--json'], { cwd: sol, env, timeoutMs: 900_000 });
  t.equal(build.exitCode, 0, build.stderr.slice(-3000));
  if (build.exitCode !== 0) return;
  const result = build.json<{ images: Array<{ image: string; digest: string; signed: boolean }> }>();
  t.match(result.images, [{ image, signed: true }]);
  const digest = result.images[0]?.digest ?? '';
  const recorded = JSON.parse(readFileSync(join(sol, 'config/images.json'), 'utf8')) as ImageDigestsFile;
  t.equal(recorded.images[image]?.digest, digest, 'the digest is recorded for genconfig --pin-digests');

  const verify = await runEdgectl(['verify', image, '--key', 'cosign.pub', '--json'], { cwd: sol, env });
  t.equal(verify.exitCode, 0, verify.stderr);
  t.match(verify.json(), { digest, pinned: `${repository}@${digest}` });
  t.equal(run('docker', ['run', '--rm', '--entrypoint', 'id', image, '-un']).stdout.trim(), 'node', 'the built image is the template\'s');
});
