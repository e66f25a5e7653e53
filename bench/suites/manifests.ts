/** Manifest validation speed: in-process on a 200-module manifest, and `edgectl validate` as a whole process. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { maxRow, ratioRow, type BenchSuite } from '../bench-types.js';
import { BARE_NODE, compareProcesses, median } from '../measure.js';
import { validateDeployment } from '../../src/core/manifest/validate-deployment.js';

const edgectl = fileURLToPath(new URL('../../../bin/edgectl', import.meta.url));

export function manifestWithModules(count: number): string {
  const modules: Record<string, unknown> = {};
  const routes: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    modules[`module${i}`] = { version: '1.0', type: 'docker', status: 'running', restartPolicy: 'always', env: { LEVEL: { value: 'info' } }, settings: { image: `localhost:5000/module${i}:1.0.${i}-amd64`, createOptions: '{"HostConfig":{"Binds":["/data:/data"],"PortBindings":{"80/tcp":[{"HostPort":"8080"}]}}}' } };
    routes[`r${i}`] = `FROM /messages/modules/module${i}/outputs/* WHERE $body.temperature > 20 INTO BrokeredEndpoint("/modules/module${(i + 1) % count}/inputs/input1")`;
  }
  return JSON.stringify({ modulesContent: {
    $edgeAgent: { 'properties.desired': { schemaVersion: '1.1', runtime: { type: 'docker', settings: { minDockerVersion: 'v1.25' } }, systemModules: {
      edgeAgent: { type: 'docker', settings: { image: 'mcr.microsoft.com/azureiotedge-agent:1.5', createOptions: '{}' } },
      edgeHub: { type: 'docker', status: 'running', restartPolicy: 'always', settings: { image: 'mcr.microsoft.com/azureiotedge-hub:1.5', createOptions: '{}' } },
    }, modules } },
    $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes, storeAndForwardConfiguration: { timeToLiveSecs: 7200 } } },
  } }, null, 2);
}

export const manifests: BenchSuite = {
  name: 'manifests',
  async run() {
    const big = manifestWithModules(200);
    for (let i = 0; i < 10; i++) validateDeployment(big, { fileName: 'big.json' });
    const samples: number[] = [];
    for (let i = 0; i < 41; i++) {
      const start = performance.now();
      validateDeployment(big, { fileName: 'big.json' });
      samples.push(performance.now() - start);
    }
    const dir = mkdtempSync(join(tmpdir(), 'edgectl-bench-'));
    // A typical solution: a handful of modules chained by routes, with createOptions and env.
    writeFileSync(join(dir, 'deployment.json'), manifestWithModules(4));
    const times = compareProcesses({
      node: BARE_NODE.command,
      validate: { file: edgectl, args: ['validate', 'deployment.json'], cwd: dir },
    });
    return [
      maxRow('validate 200-module manifest in-process (median)', median(samples), 'ms', 20),
      ratioRow('edgectl validate (typical manifest)', times['validate'] ?? Number.NaN, { name: BARE_NODE.name, value: times['node'] ?? Number.NaN }, 2),
    ];
  },
};
