/**
 * The self-contained supervisor build that `npm run build` writes next to the compiled supervisor
 * (scripts/bundle-supervisor.mjs): its bytes, version and checksum, verified before it is sent.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { EdgeError } from '../core/errors.js';
import type { SupervisorBuild } from '../core/devices/install-plan.js';

const BUNDLE_URL = new URL('../supervisor/edge-supervisor.bundle.mjs', import.meta.url);
const PACKAGE_URL = new URL('../../../package.json', import.meta.url);

export interface LoadedBundle extends SupervisorBuild {
  bytes: number;
  content: Buffer;
}

export async function loadSupervisorBundle(): Promise<LoadedBundle> {
  let content: Buffer;
  let recorded: string;
  try {
    content = await readFile(BUNDLE_URL);
    recorded = (await readFile(new URL(`${BUNDLE_URL.href}.sha256`), 'utf8')).trim();
  } catch (error) {
    throw new EdgeError({ code: 'BUNDLE_MISSING', message: `the self-contained supervisor build is missing (${BUNDLE_URL.pathname})`, hint: 'run `npm run build` in the edgectl checkout', cause: error });
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== recorded) {
    throw new EdgeError({ code: 'BUNDLE_MISSING', message: `the supervisor build does not match its checksum (${sha256} ≠ ${recorded})`, hint: 'run `npm run build` again' });
  }
  const version = (JSON.parse(await readFile(PACKAGE_URL, 'utf8')) as { version: string }).version;
  return { version, sha256, bytes: content.length, content };
}
