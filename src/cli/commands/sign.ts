/**
 * `edgectl sign <image> --key cosign.key`: signs the image's manifest digest (a tag is resolved
 * first) and appends the signature to `<repo>:sha256-<hex>.sig`, exactly as `cosign sign` does.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EdgeError, usageError } from '../../core/errors.js';
import type { SignedImage } from '../../adapters/image-signatures.js';
import type { CliContext } from '../context.js';
import { keyPassword } from '../key-password.js';

export interface SignOptions {
  image: string;
  keyPem: string;
  password: string;
  annotations: Record<string, string>;
  insecureRegistry: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export async function runSign(options: SignOptions): Promise<SignedImage> {
  // scrypt (N=65536, cosign's default) is most of a sign's time: start it on the thread pool
  // first, so loading the registry code and all the registry round trips overlap it.
  const { decryptPrivateKey } = await import('../../core/signing/cosign-key.js');
  const privateKey = decryptPrivateKey(options.keyPem, options.password).then((pair) => pair.privateKey);
  privateKey.catch(() => undefined);
  const { parseImageReference } = await import('../../core/images/image-reference.js');
  const reference = parseImageReference(options.image);
  const { signImage } = await import('../../adapters/image-signatures.js');
  const { findRegistryCredentials } = await import('../../adapters/registry-credentials.js');
  return signImage({
    image: reference,
    privateKey,
    annotations: options.annotations,
    credentials: await findRegistryCredentials(reference.registry, { env: options.env, cwd: options.cwd }),
    insecure: options.insecureRegistry,
  });
}

export function readKeyFile(path: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new EdgeError({ code: 'KEY_NOT_FOUND', message: `cannot read the key file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, hint: 'create a key pair with `edgectl keygen`', exitCode: 2 });
  }
}

export function parseAnnotations(values: readonly string[]): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw usageError('USAGE', `annotation "${value}" is not key=value`, 'e.g. -a git=abc123');
    annotations[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return annotations;
}

export function registerSign(program: Command, context: CliContext): void {
  program
    .command('sign')
    .description('sign an image in its registry with a cosign key (cosign-compatible .sig signature)')
    .argument('<image>', 'registry/repository:tag or registry/repository@sha256:…')
    .requiredOption('--key <path>', 'the cosign private key (from `edgectl keygen` or `cosign generate-key-pair`)')
    .option('-a, --annotation <key=value>', 'an annotation to sign with the image (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--insecure-registry', 'use plain http for a registry that is not on this machine')
    .addHelpText('after', '\nThe key password comes from EDGECTL_PASSWORD or COSIGN_PASSWORD, or a prompt on a terminal.\n\nExamples:\n  $ edgectl sign localhost:5000/filter:0.0.1-amd64 --key cosign.key\n  $ edgectl sign myacr.azurecr.io/filter@sha256:… --key cosign.key -a git=$(git rev-parse HEAD)\n\nThe signature is cosign\'s: cosign verify --key cosign.pub --insecure-ignore-tlog IMAGE accepts it.\n')
    .action(async (image: string, flags: { key: string; annotation: string[]; insecureRegistry?: boolean }) => {
      const keyPem = readKeyFile(flags.key, context.cwd);
      const annotations = parseAnnotations(flags.annotation);
      const password = await keyPassword(context, 'decrypt');
      const result = await runSign({ image, keyPem, password, annotations, insecureRegistry: flags.insecureRegistry === true, env: context.env, cwd: context.cwd });
      context.output.result(result, (r, s) => r.added
        ? `${s.green('✔')} signed ${r.repository}@${r.digest}\n  signature stored at ${r.repository}:${r.signatureTag} (${r.signatureCount} signature${r.signatureCount === 1 ? '' : 's'})`
        : `${s.green('✔')} ${r.repository}@${r.digest} already carries this key's signature`);
    });
}
