/**
 * The supervisor's memory across restarts and reboots: the current deployment and the one before it
 * (for rollback), each in its own file with a sha256 checksum of its content. A file that fails its
 * checksum is set aside and reported; the last good deployment is used instead.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../adapters/atomic-file.js';
import { sha256Hex } from '../core/deployment/content-hash.js';
import { canonicalJson } from '../core/json/canonical-json.js';
import type { RestartRecord } from './observed.js';

export interface StoredDeployment {
  id: string;
  appliedAt: string;
  manifest: unknown;
}

interface Envelope {
  format: 1;
  checksum: string;
  deployment: StoredDeployment;
}

export interface LoadedState {
  current: StoredDeployment | undefined;
  previous: StoredDeployment | undefined;
  warnings: string[];
}

type Slot = 'current' | 'previous';

export class StateStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  private path(slot: Slot): string {
    return join(this.dir, `${slot}-deployment.json`);
  }

  load(): LoadedState {
    const warnings: string[] = [];
    const current = this.read('current', warnings);
    const previous = this.read('previous', warnings);
    if (current === 'corrupt') {
      if (previous !== undefined && previous !== 'corrupt') {
        warnings.push(`the current deployment file was corrupt; running the previous deployment ${previous.id} instead`);
        return { current: previous, previous: undefined, warnings };
      }
      return { current: undefined, previous: undefined, warnings };
    }
    return { current, previous: previous === 'corrupt' ? undefined : previous, warnings };
  }

  /** Makes `next` current and keeps the old current as previous. Previous is written first: a crash in
   * between leaves the old current in place, never a state without it. */
  commit(next: StoredDeployment, old: StoredDeployment | undefined): void {
    if (old !== undefined) this.write('previous', old);
    this.write('current', next);
  }

  private write(slot: Slot, deployment: StoredDeployment): void {
    const envelope: Envelope = { format: 1, checksum: checksum(deployment), deployment };
    writeFileAtomic(this.path(slot), `${JSON.stringify(envelope)}\n`);
  }

  private read(slot: Slot, warnings: string[]): StoredDeployment | 'corrupt' | undefined {
    const path = this.path(slot);
    if (!existsSync(path)) return undefined;
    try {
      const envelope = JSON.parse(readFileSync(path, 'utf8')) as Envelope;
      if (envelope.format === 1 && envelope.checksum === checksum(envelope.deployment)) return envelope.deployment;
    } catch {
      // Falls through to the corrupt case.
    }
    const aside = `${path}.corrupt-${Date.now()}`;
    renameSync(path, aside);
    warnings.push(`${path} failed its checksum and was moved to ${aside}`);
    return 'corrupt';
  }
}

function checksum(deployment: StoredDeployment): string {
  return sha256Hex(canonicalJson(deployment));
}

/** Restart counts survive a supervisor restart, so a crash loop cannot reset its own back-off. */
export class RestartCountFile {
  private readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, 'restart-counts.json');
  }

  load(): Record<string, RestartRecord> {
    try {
      const value = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      if (typeof value !== 'object' || value === null) return {};
      return Object.fromEntries(Object.entries(value as Record<string, RestartRecord>)
        .filter(([, r]) => Number.isInteger(r?.count) && Number.isFinite(r?.lastRestartAt)));
    } catch {
      return {}; // missing or unreadable: start counting afresh
    }
  }

  save(records: Record<string, RestartRecord>): void {
    writeFileAtomic(this.path, `${JSON.stringify(records)}\n`);
  }
}
