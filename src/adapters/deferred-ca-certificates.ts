/**
 * NODE_EXTRA_CA_CERTS, loaded when edgectl first needs TLS instead of when Node starts.
 *
 * Node 20 builds its whole root store at start-up whenever NODE_EXTRA_CA_CERTS is set: about 30 ms
 * on every edgectl run (15 ms even for a missing file), although most commands never open a TLS
 * connection. `bin/edgectl` therefore moves the variable aside before Node starts
 * (EDGECTL_DEFERRED_CA_CERTS); `adoptDeferredCaCertificates` puts it back for the child processes
 * edgectl runs, and `extraTrust` gives TLS clients the same roots Node would have had.
 */
import { readFileSync } from 'node:fs';

const DEFERRED_CA_CERTS_VARIABLE = 'EDGECTL_DEFERRED_CA_CERTS';

let deferredFile: string | undefined;
let trust: { ca?: string[] } | undefined;

/** Restores NODE_EXTRA_CA_CERTS in `env` (children see the user's environment) and remembers the file. */
export function adoptDeferredCaCertificates(env: NodeJS.ProcessEnv): void {
  const file = env[DEFERRED_CA_CERTS_VARIABLE];
  if (file === undefined) return;
  delete env[DEFERRED_CA_CERTS_VARIABLE];
  env['NODE_EXTRA_CA_CERTS'] = file;
  deferredFile = file;
}

/**
 * TLS options for a connection this process opens: the bundled roots plus the deferred file's
 * certificates, or nothing (Node's defaults) when nothing was deferred. A file that cannot be read
 * is ignored with a warning, as Node itself does at start-up.
 */
export async function extraTrust(): Promise<{ ca?: string[] }> {
  if (trust !== undefined) return trust;
  trust = {};
  if (deferredFile === undefined) return trust;
  try {
    const extra = pemCertificates(readFileSync(deferredFile, 'latin1'));
    // Imported on first use, like the file: most commands never open a TLS connection.
    const { rootCertificates } = await import('node:tls');
    trust = { ca: [...rootCertificates, ...extra] };
  } catch (error) {
    process.emitWarning(`Ignoring extra certs from \`${deferredFile}\`, load failed: ${(error as Error).message}`);
  }
  return trust;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

function pemCertificates(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}
