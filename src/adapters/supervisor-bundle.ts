/**
 * The self-contained supervisor build that `npm run build` writes next to the compiled supervisor
 * (scripts/bundle-supervisor.mjs): its bytes, version and checksum, verified before it is sent.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { EdgeError } from '../core/errors.js';
import type { SupervisorBuild } from '../core/devices/install-plan.js';

const BUNDLE_URL = new URL('../supervisor/edge-supervisor.bundle.mjs', import.meta.url);
const PACKAGE_URL = new URL('../../../package.json', import.meta.url);

export interface LoadedBundle extends SupervisorBuild {
  bytes: number;
  content: Buffer;
}

/**
 * `file` (EDGECTL_SUPERVISOR_BUNDLE) installs another build, e.g. one made by a developer or a test
 * of upgrades; it must have its `<file>.sha256` beside it like the built one.
 */
export async function loadSupervisorBundle(file?: string): Promise<LoadedBundle> {
  const url = file === undefined ? BUNDLE_URL : pathToFileURL(file);
  let content: Buffer;
  let recorded: string;
  try {
    content = await readFile(url);
    recorded = (await readFile(new URL(`${url.href}.sha256`), 'utf8')).trim();
  } catch (error) {
    throw new EdgeError({ code: 'BUNDLE_MISSING', message: `the self-contained supervisor build is missing (${url.pathname} and its .sha256)`, hint: 'run `npm run build` in the edgectl checkout', cause: error });
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== recorded) {
    throw new EdgeError({ code: 'BUNDLE_MISSING', message: `the supervisor build does not match its checksum (${sha256} ≠ ${recorded})`, hint: 'run `npm run build` again' });
  }
  const version = (JSON.parse(await readFile(PACKAGE_URL, 'utf8')) as { version: string }).version;
  return { version, sha256, bytes: content.length, content };
}
