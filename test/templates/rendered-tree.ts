/** Helpers for tests of scaffolded trees: read a folder back, validate module.json, make temp dirs. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `edgectl-${prefix}-`));
}

/** Every file under root (relative, `/`-separated, sorted), skipping installed dependencies and build output. */
export function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((path) => path.split('\\').join('/'))
    .filter((path) => !/(^|\/)(node_modules|__pycache__|build)(\/|$)/.test(path) && statSync(join(root, path)).isFile())
    .sort();
}

/** path → content, with lock files reduced to a hash so snapshots stay readable. */
export function snapshotOf(root: string): Record<string, string> {
  return Object.fromEntries(listFiles(root).map((path) => {
    const content = readFileSync(join(root, path), 'utf8');
    return [path, path.endsWith('package-lock.json') ? `sha256:${createHash('sha256').update(content).digest('hex')}` : content];
  }));
}

/** The validator of the published module.json schema (schemas/module.json, draft 2020-12). */
export function moduleJsonValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'module.json'), 'utf8')) as object;
  return new Ajv2020({ allErrors: true, strict: false }).compile(schema);
}
