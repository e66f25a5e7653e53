/**
 * An OCI registry for tests: Debian's docker-registry (the CNCF distribution server), storage in a
 * temp dir, bound to 127.0.0.1 on a free port. Docker treats loopback registries as insecure by
 * default, so plain http works for push and pull without daemon configuration.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './processes.js';

export interface TestRegistry {
  /** host:port, as it goes into image references: `${host}/demo/filter:0.0.1-amd64`. */
  host: string;
  url: string;
  stop(): Promise<void>;
}

export async function startRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = join(dir, 'config.yml');
  writeFileSync(config, [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${host}`,
    '',
  ].join('\n'));
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start docker-registry: ${error.message} (Debian: apt-get install docker-registry)`)));
    child.once('exit', (code) => reject(new Error(`docker-registry exited ${String(code)}: ${stderr.trim()}`)));
  });
  const url = `http://${host}`;
  await Promise.race([waitFor(`the registry at ${url}`, async () => {
    try {
      return (await fetch(`${url}/v2/`)).status === 200;
    } catch {
      return false;
    }
  }, 20_000), exited]);
  exited.catch(() => undefined);
  return {
    host,
    url,
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
