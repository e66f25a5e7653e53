/**
 * checkUpToDate's decisions with a fake engine (the real engine is in test/cli/build-up-to-date):
 * what it asks the engine, and every reason it falls back to building.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { checkUpToDate } from '../../src/adapters/image-up-to-date.js';
import { BUILD_KEY_LABEL } from '../../src/core/images/build-key.js';
import { emptyBuildSettings } from '../../src/core/images/build-options.js';

function fakeEngine(images: Record<string, { id: string; labels: Record<string, string> }>) {
  const asked: string[] = [];
  return {
    asked,
    engine: { inspectImage: async (name: string) => { asked.push(name); return images[name]; } },
  };
}

t.test('the up-to-date decision and its fallbacks', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-uptodate-unit-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'Dockerfile'), 'ARG BASE=node:20\nFROM $BASE AS build\nFROM build\nCOPY --from=tools:1 /x /x\n');
  writeFileSync(join(dir, 'app.js'), 'x');
  const request = (settings = emptyBuildSettings()) => ({ tag: 'r/app:1', contextDir: dir, dockerfile: join(dir, 'Dockerfile'), settings, platform: 'linux/amd64', env: { XDG_CACHE_HOME: `${dir}-cache` } });
  t.teardown(() => rmSync(`${dir}-cache`, { recursive: true, force: true }));
  const bases = { 'node:20': { id: 'sha256:n', labels: {} }, 'tools:1': { id: 'sha256:t', labels: {} } };

  const first = fakeEngine(bases);
  const fresh = await checkUpToDate(first.engine, request());
  t.match(fresh, { decision: { kind: 'build', reason: /no image under the tag/ }, key: /^sha256:/ });
  t.same(first.asked.sort(), ['node:20', 'r/app:1', 'tools:1'], 'the tag and each external base, not the stage');

  const built = fakeEngine({ ...bases, 'r/app:1': { id: 'sha256:img', labels: { [BUILD_KEY_LABEL]: fresh.key ?? '' } } });
  t.same((await checkUpToDate(built.engine, request())).decision, { kind: 'up-to-date', imageId: 'sha256:img' });
  t.match((await checkUpToDate(built.engine, { ...request(), settings: { ...emptyBuildSettings(), pull: true } })).decision, { kind: 'build', reason: '--pull' });
  t.match((await checkUpToDate(built.engine, { ...request(), settings: { ...emptyBuildSettings(), buildArgs: { BASE: 'node:22' } } })).decision, { kind: 'build', reason: /node:22 is not in the engine/ });

  const retagged = fakeEngine({ ...bases, 'tools:1': { id: 'sha256:t2', labels: {} }, 'r/app:1': { id: 'sha256:img', labels: { [BUILD_KEY_LABEL]: fresh.key ?? '' } } });
  t.match((await checkUpToDate(retagged.engine, request())).decision, { kind: 'build', reason: /changed/ }, 'a base under the same name with another ID');

  const failing = { inspectImage: async () => { throw new Error('engine gone'); } };
  t.match(await checkUpToDate(failing, request()), { decision: { kind: 'build', reason: /could not check \(engine gone\)/ } }, 'an engine error means build (which reports it)');

  writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20\nADD https://example.com/a.tgz /a\n');
  const remote = fakeEngine(bases);
  t.match(await checkUpToDate(remote.engine, request()), { decision: { kind: 'build', reason: /ADD of a URL/ } });
  t.same(remote.asked, [], 'nothing asked when the bases cannot be known');
});
