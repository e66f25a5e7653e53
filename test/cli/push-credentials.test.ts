/**
 * `edgectl push` (and `build --push`, which signs with the same finder) over several images: registry
 * credentials are looked up once per registry server in a run, so a credential helper runs once,
 * not once per image. A fake engine stands in for Docker; the helper is the fake
 * docker-credential helper, which logs each call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { EngineApi } from '../../src/adapters/engine-api.js';
import { registryCredentialFinder } from '../../src/adapters/registry-credentials.js';
import { progressReporter } from '../../src/cli/commands/image-progress.js';
import { pushPlannedImages } from '../../src/cli/commands/push.js';
import type { CliContext } from '../../src/cli/context.js';
import { Output } from '../../src/cli/output.js';
import type { PlannedImage } from '../../src/core/images/image-plan.js';
import { fakeCredentialHelper } from '../adapters/fake-credential-helper.js';

const planned = (module: string, registry: string): PlannedImage => ({
  module, platform: 'amd64', platformKey: 'amd64', image: `${registry}/${module}:1.0-amd64`, repository: `${registry}/${module}`, tag: '1.0-amd64',
  registry, dockerfile: 'Dockerfile', contextDir: '.', version: '1.0',
});

t.test('push asks the credential helper once per registry server', async (t) => {
  const helper = fakeCredentialHelper((fn) => t.teardown(fn), { credsStore: 'fake' });
  const solution = mkdtempSync(join(tmpdir(), 'edgectl-push-creds-'));
  t.teardown(() => rmSync(solution, { recursive: true, force: true }));
  const sent: Array<{ repository: string; auth: Record<string, string> }> = [];
  const engine = {
    async *push(repository: string, _tag: string, auth: Record<string, string>) {
      await Promise.resolve();
      sent.push({ repository, auth });
      yield { aux: { Digest: `sha256:${'0'.repeat(63)}${sent.length}` } };
    },
  } as unknown as EngineApi;
  const sink = { write: () => true, isTTY: false };
  const context: CliContext = {
    output: new Output({ json: true, debug: false, stdout: sink, stderr: sink }),
    env: helper.env, cwd: solution, interactive: false, stdinIsTTY: false, debug: false, version: '0.0.0-test', exitCode: 0,
  };
  const plan = [planned('filter', '127.0.0.1:5000'), planned('sensor', '127.0.0.1:5000'), planned('relay', '127.0.0.1:6000'), planned('extra', '127.0.0.1:5000')];
  const { digests } = await pushPlannedImages(plan, engine, registryCredentialFinder({ env: helper.env, cwd: solution }), context, progressReporter(context));
  t.equal(digests.length, 4);
  t.same(helper.calls(), ['get|127.0.0.1:5000', 'get|127.0.0.1:6000'], 'two registries, two helper calls for four images');
  t.same(sent.map((s) => [s.repository, s.auth['username'], s.auth['serveraddress']]), plan.map((image) => [image.repository, 'alice', image.registry]), 'every image still went with its credentials');
});
