/**
 * Every route in the compatibility corpus (real manifests from public projects) must parse.
 * The corpus lives outside the repository; EDGECTL_CORPUS overrides where to look.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parseRoute } from '../../../src/core/routes/index.js';
import { inCi } from '../../harness/require-service.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const candidates = [process.env['EDGECTL_CORPUS'], join(repoRoot, '../shared/corpus'), '/work/shared/corpus'].filter((p): p is string => !!p);
const corpus = candidates.find((p) => existsSync(p));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? jsonFiles(path) : entry.name.endsWith('.json') ? [path] : [];
  });
}

/** Route strings under any "routes" key: plain strings, or objects with a "route" string. */
function routesIn(value: unknown, found: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return found;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'routes' && child !== null && typeof child === 'object' && !Array.isArray(child)) {
      for (const route of Object.values(child)) {
        if (typeof route === 'string') found.push(route);
        else if (route !== null && typeof route === 'object' && typeof (route as { route?: unknown }).route === 'string') found.push((route as { route: string }).route);
      }
    } else {
      routesIn(child, found);
    }
  }
  return found;
}

/** Templates with non-string placeholders (`"ttl": ${TTL}`) are not JSON: take their route-like string literals. */
function routesInFile(text: string): string[] {
  try {
    return routesIn(JSON.parse(text));
  } catch {
    return [...text.matchAll(/"\s*(?:SELECT|FROM)\b(?:[^"\\]|\\.)*"/gi)].map((match) => JSON.parse(match[0]) as string);
  }
}

// A template may hold a whole route as a placeholder ("$EDGEHUB_ROUTE"); genconfig fills it in.
const isPlaceholder = (route: string): boolean => /^\s*\$\{?[A-Za-z_][A-Za-z0-9_]*\}?\s*$/.test(route);

t.test('every route in the corpus parses', async (t) => {
  if (corpus === undefined) {
    if (inCi()) t.fail(`corpus not found (looked in ${candidates.join(', ')})`);
    else t.pass('corpus', { skip: 'the compatibility corpus is not on this machine; set EDGECTL_CORPUS' });
    return;
  }
  let count = 0;
  for (const file of jsonFiles(corpus)) {
    for (const route of routesInFile(readFileSync(file, 'utf8')).filter((r) => !isPlaceholder(r) && /\bFROM\b/i.test(r))) {
      count++;
      const result = parseRoute(route);
      t.ok(result.ok, `${relative(corpus, file)}: ${route}${result.ok ? '' : ` → ${result.error.message}`}`);
    }
  }
  t.ok(count >= 50, `found ${count} routes in the corpus`);
});
