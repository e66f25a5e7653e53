/**
 * Every module's twin, kept in one owner-only JSON file rewritten atomically on change: desired
 * properties come from deployments, reported ones from modules, and both survive restarts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { applyReported, emptyTwin, setDesired, type JsonObject, type TwinDocument } from '../../core/hub/twin-document.js';
import { writeFileAtomic } from '../../adapters/atomic-file.js';

export class TwinStore {
  private twins = new Map<string, TwinDocument>();

  constructor(private readonly file: string) {
    if (existsSync(file)) this.twins = new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, TwinDocument>));
  }

  get(moduleId: string): TwinDocument {
    return this.twins.get(moduleId) ?? emptyTwin();
  }

  /** Set the desired properties of every module named; returns the patches to push, by module. */
  setDesired(desired: ReadonlyMap<string, JsonObject>): Map<string, JsonObject> {
    const patches = new Map<string, JsonObject>();
    for (const [moduleId, properties] of desired) {
      const result = setDesired(this.get(moduleId), properties);
      if (result.patch !== undefined) patches.set(moduleId, result.patch);
      this.twins.set(moduleId, result.twin);
    }
    if (patches.size > 0) this.save();
    return patches;
  }

  applyReported(moduleId: string, patch: JsonObject): TwinDocument {
    const twin = applyReported(this.get(moduleId), patch);
    this.twins.set(moduleId, twin);
    this.save();
    return twin;
  }

  forget(moduleIds: readonly string[]): void {
    let changed = false;
    for (const m of moduleIds) changed = this.twins.delete(m) || changed;
    if (changed) this.save();
  }

  private save(): void {
    writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(this.twins)), 0o600);
  }
}
