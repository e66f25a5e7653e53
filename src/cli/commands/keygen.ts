/**
 * `edgectl keygen`: a cosign-compatible key pair. `<prefix>.key` is the encrypted SIGSTORE private
 * key (0600), `<prefix>.pub` the public key PEM; cosign can use both, and keys cosign made work here.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EdgeError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { keyPassword } from '../key-password.js';

export interface KeygenOptions {
  prefix: string;
  force: boolean;
  password: string;
}

export interface KeygenResult {
  privateKey: string;
  publicKey: string;
  keyFingerprint: string;
}

export async function runKeygen(options: KeygenOptions): Promise<KeygenResult> {
  const { encryptPrivateKey, generateSigningKeyPair } = await import('../../core/signing/cosign-key.js');
  const { publicKeyFingerprint, publicKeyPem } = await import('../../core/signing/signature.js');
  const { writeFileAtomic } = await import('../../adapters/atomic-file.js');
  const privatePath = `${options.prefix}.key`;
  const publicPath = `${options.prefix}.pub`;
  for (const path of [privatePath, publicPath]) {
    if (!options.force && existsSync(path)) {
      throw new EdgeError({ code: 'KEY_EXISTS', message: `${path} already exists`, hint: 'pass --force to replace it, or --output-key-prefix to write elsewhere' });
    }
  }
  const pair = generateSigningKeyPair();
  writeFileAtomic(privatePath, await encryptPrivateKey(pair.privateKey, options.password), 0o600);
  writeFileAtomic(publicPath, publicKeyPem(pair.publicKey), 0o644);
  return { privateKey: privatePath, publicKey: publicPath, keyFingerprint: publicKeyFingerprint(pair.publicKey) };
}

export function registerKeygen(program: Command, context: CliContext): void {
  program
    .command('keygen')
    .description('create a cosign-compatible signing key pair (<prefix>.key encrypted, <prefix>.pub)')
    .option('--output-key-prefix <prefix>', 'path prefix of the two files', 'cosign')
    .option('--force', 'replace existing key files')
    .addHelpText('after', '\nThe password comes from EDGECTL_PASSWORD or COSIGN_PASSWORD, or a prompt on a terminal.\n\nExamples:\n  $ edgectl keygen\n  $ EDGECTL_PASSWORD=… edgectl keygen --output-key-prefix keys/release\n')
    .action(async (flags: { outputKeyPrefix: string; force?: boolean }) => {
      const password = await keyPassword(context, 'create');
      const result = await runKeygen({ prefix: resolve(context.cwd, flags.outputKeyPrefix), force: flags.force === true, password });
      context.output.result(result, (r) => `Private key written to ${r.privateKey} (0600)\nPublic key written to ${r.publicKey}\nKey id ${r.keyFingerprint}`);
    });
}
