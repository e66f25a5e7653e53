/**
 * Module identities: one random 32-byte key per module, made when the module first appears in a
 * deployment, kept while it stays in later deployments (so running containers keep working) and
 * forgotten when it leaves (a module added again gets a new key). Persisted owner-only, so modules
 * reconnect after a supervisor restart with the key in their environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileAtomic } from '../../adapters/atomic-file.js';

export interface ModuleKey {
  /** base64, as it appears in SharedAccessKey. */
  primaryKey: string;
  /** Changes whenever the key does: IOTEDGE_MODULEGENERATIONID. */
  generationId: string;
}

export class IdentityStore {
  private keys = new Map<string, ModuleKey>();

  constructor(private readonly file: string) {
    if (existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ModuleKey>;
      this.keys = new Map(Object.entries(saved));
    }
  }

  /** Make keys for new modules, forget removed ones; returns the removed module ids. */
  sync(modules: readonly string[]): { added: string[]; removed: string[] } {
    const wanted = new Set(modules);
    const removed = [...this.keys.keys()].filter((m) => !wanted.has(m));
    const added = modules.filter((m) => !this.keys.has(m));
    for (const m of removed) this.keys.delete(m);
    for (const m of added) this.keys.set(m, { primaryKey: randomBytes(32).toString('base64'), generationId: randomUUID() });
    if (added.length > 0 || removed.length > 0) writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(this.keys)), 0o600);
    return { added, removed };
  }

  get(moduleId: string): ModuleKey | undefined {
    return this.keys.get(moduleId);
  }

  modules(): string[] {
    return [...this.keys.keys()];
  }
}
