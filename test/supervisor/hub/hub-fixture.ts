/**
 * Test fixture for the hub: a hub on a loopback port in a temporary state directory, and modules run
 * as child processes on the real Azure IoT Node SDK (fixtures/sdk-module.ts) with the environment the
 * hub hands out for them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startHub } from '../../../src/supervisor/hub/hub.js';
import type { Hub, HubDeployment, HubLogEntry, HubOptions } from '../../../src/supervisor/hub/hub-types.js';

export const moduleScript = fileURLToPath(new URL('./fixtures/sdk-module.js', import.meta.url));

export type ModuleEvent = { event: string } & Record<string, unknown>;

export class SdkModule {
  readonly events: ModuleEvent[] = [];
  private waiters: { match: (e: ModuleEvent) => boolean; resolve: (e: ModuleEvent) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly name: string, private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let event: ModuleEvent;
      try {
        event = JSON.parse(line) as ModuleEvent;
      } catch {
        return;
      }
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => (w.match(event) ? (w.resolve(event), false) : true));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (process.env['HUB_TEST_DEBUG']) process.stderr.write(`[${name}] ${chunk.toString()}`);
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  send(command: Record<string, unknown>): void {
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
  }

  /** The first event (seen already or coming) that matches; rejects after timeoutMs so a hang fails the test. */
  next(match: (e: ModuleEvent) => boolean, timeoutMs = 20_000, label = 'event'): Promise<ModuleEvent> {
    const seen = this.events.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no ${label} within ${timeoutMs} ms; events: ${JSON.stringify(this.events)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

export function spawnModule(name: string, env: Record<string, string>): SdkModule {
  const child = spawn(process.execPath, [moduleScript], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new SdkModule(name, child);
}

/** Poll until `check` holds (the SDK subscribes asynchronously, after the call that asks for it returns). */
export async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const listens = (hub: Hub, moduleId: string, what: 'inputs' | 'desired' | 'methods'): boolean =>
  hub.status().modules.find((m) => m.id === moduleId)?.listens[what] === true;

export interface TestHub {
  hub: Hub;
  stateDir: string;
  logs: HubLogEntry[];
  /** The environment for a module run on this machine: it dials localhost:<port>. */
  env(moduleId: string): Record<string, string>;
  start(moduleId: string): SdkModule;
  cleanup(): Promise<void>;
}

export async function startTestHub(deployment: HubDeployment, options: Partial<HubOptions> = {}): Promise<TestHub> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'edgectl-hub-'));
  const logs: HubLogEntry[] = [];
  const hub = await startHub({
    stateDir,
    deviceId: 'dev1',
    hostName: 'localhost',
    listen: { host: '127.0.0.1', port: 0 },
    log: (entry) => logs.push(entry),
    ...options,
  });
  hub.applyDeployment(deployment);
  const modules: SdkModule[] = [];
  const env = (moduleId: string): Record<string, string> => hub.moduleEnvironment(moduleId, { gatewayHostName: `localhost:${hub.port}` }).env;
  return {
    hub,
    stateDir,
    logs,
    env,
    start(moduleId) {
      const module = spawnModule(moduleId, env(moduleId));
      modules.push(module);
      return module;
    },
    async cleanup() {
      for (const m of modules) m.kill();
      await Promise.all(modules.map((m) => m.exited));
      await hub.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
