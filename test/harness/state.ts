/**
 * Where the harness keeps what outlives one test file: logs, the base-image build context, and
 * which services the global setup started (so the teardown stops those and nothing else).
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HarnessState {
  dockerdPid?: number;
}

export function harnessDir(): string {
  const dir = join(tmpdir(), 'edgectl-test-harness');
  // World-traversable: test-device users must reach their authorized_keys below it. Private keys
  // inside stay 0600 and root-owned.
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

const statePath = (): string => join(harnessDir(), 'state.json');

export function readHarnessState(): HarnessState {
  try {
    return JSON.parse(readFileSync(statePath(), 'utf8')) as HarnessState;
  } catch {
    return {};
  }
}

export function writeHarnessState(state: HarnessState): void {
  writeFileSync(statePath(), JSON.stringify(state));
}
