/**
 * `edgectl verify <image> --key cosign.pub`: exit 0 when a signature by the key vouches for the
 * image's current digest; exit 1 with SIGNATURE_NOT_FOUND, SIGNATURE_KEY_MISMATCH,
 * SIGNATURE_PAYLOAD_TAMPERED or SIGNATURE_DIGEST_MISMATCH otherwise. The same check the device runs.
 */
import type { Command } from 'commander';
import type { ImageVerification } from '../../adapters/image-signatures.js';
import type { CliContext } from '../context.js';
import { readKeyFile } from './sign.js';

export interface VerifyOptions {
  image: string;
  publicKeys: string[];
  insecureRegistry: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export async function runVerify(options: VerifyOptions): Promise<ImageVerification> {
  const { parseImageReference } = await import('../../core/images/image-reference.js');
  const { verifyImageSignature } = await import('../../adapters/image-signatures.js');
  const { findRegistryCredentials } = await import('../../adapters/registry-credentials.js');
  const reference = parseImageReference(options.image);
  return verifyImageSignature({
    image: reference,
    publicKeys: options.publicKeys,
    credentials: await findRegistryCredentials(reference.registry, { env: options.env, cwd: options.cwd }),
    insecure: options.insecureRegistry,
  });
}

export function registerVerify(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description('check an image\'s cosign signature against a public key')
    .argument('<image>', 'registry/repository:tag or registry/repository@sha256:…')
    .requiredOption('--key <path>', 'a trusted public key PEM (repeatable: any one may have signed)', (value: string, all: string[] | undefined) => [...(all ?? []), value])
    .option('--insecure-registry', 'use plain http for a registry that is not on this machine')
    .addHelpText('after', '\nExamples:\n  $ edgectl verify localhost:5000/filter:0.0.1-amd64 --key cosign.pub\n  $ edgectl verify localhost:5000/filter:0.0.1-amd64 --key cosign.pub --json | jq -r .pinned\n')
    .action(async (image: string, flags: { key: string[]; insecureRegistry?: boolean }) => {
      const publicKeys = flags.key.map((path) => readKeyFile(path, context.cwd));
      const result = await runVerify({ image, publicKeys, insecureRegistry: flags.insecureRegistry === true, env: context.env, cwd: context.cwd });
      context.output.result(result, (r, s) => [
        `${s.green('✔')} ${r.pinned}`,
        ...r.signatures.map((sig) => `  signed by ${sig.keyFingerprint} as ${sig.dockerReference}${sig.annotations === null ? '' : ` ${JSON.stringify(sig.annotations)}`}`),
      ].join('\n'));
    });
}
