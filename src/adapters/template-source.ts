/**
 * Reads a template folder shipped in the package (`templates/<name>/`) into TemplateFile values for
 * the pure renderer. Build output a developer may have left in the folder while working on a
 * template (node_modules, __pycache__, target/, bin/, obj/, build/) is never part of a template.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EdgeError } from '../core/errors.js';
import type { TemplateFile } from '../core/scaffold/scaffold-types.js';

/** dist/src/adapters → the package root's templates/. */
export const TEMPLATES_ROOT = fileURLToPath(new URL('../../../templates/', import.meta.url));

const NEVER_TEMPLATE = new Set(['node_modules', '__pycache__', 'target', 'bin', 'obj', 'build', '.venv']);

export type TemplateReader = (name: string) => Promise<TemplateFile[]>;

export function templateReader(root = TEMPLATES_ROOT): TemplateReader {
  return async (name) => {
    const base = join(root, name);
    try {
      return await readTree(base, '');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new EdgeError({
          code: 'TEMPLATE_MISSING',
          message: `the ${name} template is missing from ${root}`,
          hint: 'reinstall edgectl (npm install -g edgectl); the templates ship in the package',
          cause: error,
        });
      }
      throw error;
    }
  };
}

async function readTree(base: string, relative: string): Promise<TemplateFile[]> {
  const entries = await readdir(join(base, relative), { withFileTypes: true });
  const files: TemplateFile[] = [];
  for (const entry of entries) {
    if (NEVER_TEMPLATE.has(entry.name)) continue;
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      files.push(...(await readTree(base, path)));
    } else if (entry.isFile()) {
      const absolute = join(base, path);
      const mode = (await stat(absolute)).mode;
      files.push({ path, content: await readFile(absolute, 'utf8'), ...((mode & 0o100) !== 0 ? { executable: true } : {}) });
    }
  }
  return files;
}
