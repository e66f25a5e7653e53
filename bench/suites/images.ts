/**
 * Images: a no-change rebuild against a plain `docker build` of the same context with the same
 * arguments (all cache hits; edgectl's up-to-date check asks the engine only for image ids and sends
 * no context), and `edgectl sign` / `edgectl verify` of one image against a local registry as whole
 * processes. Beside sign: its floor (process start + cosign's scrypt at N=65536);
 * beside verify: node -e 0.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { maxRow, ratioRow, type BenchSuite } from '../bench-types.js';
import { BARE_NODE, compareProcesses, median, timeProcess } from '../measure.js';
import { ensureBaseImages } from '../../test/harness/base-images.js';
import { ensureDockerEngine } from '../../test/harness/docker-engine.js';
import { run, runOrThrow } from '../../test/harness/processes.js';
import { startRegistry } from '../../test/harness/registry.js';
import { writeNodeSolution } from '../../test/cli/node-solution.js';
import { pushTinyImage } from '../../test/adapters/registry-fixtures.js';
import { RegistryClient } from '../../src/adapters/registry-client.js';

const edgectl = fileURLToPath(new URL('../../../bin/edgectl', import.meta.url));
const ROUNDS = 9;

export const images: BenchSuite = {
  name: 'images',
  async run() {
    await ensureDockerEngine();
    ensureBaseImages();
    const registry = await startRegistry();
    const dir = mkdtempSync(join(tmpdir(), 'edgectl-bench-images-'));
    const moduleDir = writeNodeSolution(dir, registry.host);
    const tag = `${registry.host}/filtermodule:0.0.1-amd64`;
    const dockerTag = `${registry.host}/filtermodule:docker-baseline`;
    const env = { ...process.env, EDGECTL_PASSWORD: 'bench', SOURCE_DATE_EPOCH: '1700000000', DOCKER_BUILDKIT: '0', XDG_CACHE_HOME: join(dir, 'cache') };
    try {
      runOrThrow(edgectl, ['build'], { cwd: dir, env, timeoutMs: 300_000 });
      const labels = ['--label', 'org.opencontainers.image.created=2023-11-14T22:13:20.000Z', '--label', 'org.opencontainers.image.version=0.0.1', '--label', 'team=edge'];
      // docker tags its own name: re-tagging ours would make each edgectl round see an image it did
      // not build (no build key) and rebuild it, measuring the tug of war instead of a no-change build.
      const dockerArgs = ['build', '-q', '-t', dockerTag, '-f', join(moduleDir, 'Dockerfile.amd64'), '--build-arg', 'GREETING=hello-from-build-arg', ...labels, moduleDir];
      const builds = compareProcesses({
        docker: { file: 'docker', args: dockerArgs, env },
        edgectl: { file: edgectl, args: ['build'], cwd: dir, env },
      }, ROUNDS);

      runOrThrow(edgectl, ['keygen'], { cwd: dir, env });
      const client = new RegistryClient({ registry: registry.host });
      // A fresh image per round, so every sign really uploads a signature (no duplicate short-cut).
      const fresh: string[] = [];
      for (let i = 0; i <= ROUNDS; i++) {
        await pushTinyImage(client, 'bench/signed', `r${i}`);
        fresh.push(`${registry.host}/bench/signed:r${i}`);
      }
      const signTimes = fresh.map((image) => timeProcess(edgectl, ['sign', image, '--key', 'cosign.key'], { cwd: dir, env })).slice(1);
      const verifyTimes = fresh.map((image) => timeProcess(edgectl, ['verify', image, '--key', 'cosign.pub'], { cwd: dir, env })).slice(1);
      const node = compareProcesses({ node: BARE_NODE.command }, ROUNDS);
      const nodeBaseline = { name: BARE_NODE.name, value: node['node'] ?? Number.NaN };
      // The floor of any cosign-key signer: start a process and run scrypt at cosign's N=65536.
      const scrypt = median(Array.from({ length: 5 }, () => {
        const start = performance.now();
        scryptSync('bench', randomBytes(32), 32, { N: 65536, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
        return performance.now() - start;
      }));
      const signFloor = { name: 'node -e 0 + scrypt N=65536', value: nodeBaseline.value + scrypt };
      return [
        ratioRow('edgectl build, no change', builds['edgectl'] ?? Number.NaN, { name: 'docker build (same context)', value: builds['docker'] ?? Number.NaN }, 1.2),
        maxRow('edgectl sign (one image, local registry)', median(signTimes), 'ms', 300, signFloor),
        maxRow('edgectl verify (one image, local registry)', median(verifyTimes), 'ms', 300, nodeBaseline),
      ];
    } finally {
      run('docker', ['rmi', '-f', tag, dockerTag]);
      rmSync(dir, { recursive: true, force: true });
      await registry.stop();
    }
  },
};
