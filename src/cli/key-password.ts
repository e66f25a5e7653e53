/**
 * The password for a cosign private key: EDGECTL_PASSWORD, then COSIGN_PASSWORD (so CI set up for
 * cosign works unchanged), then a hidden prompt on a terminal. An empty value is a valid password,
 * as in cosign. Without a terminal and without either variable it is a usage error.
 */
import { usageError } from '../core/errors.js';
import type { CliContext } from './context.js';

export async function keyPassword(context: CliContext, purpose: 'decrypt' | 'create'): Promise<string> {
  const fromEnv = context.env['EDGECTL_PASSWORD'] ?? context.env['COSIGN_PASSWORD'];
  if (fromEnv !== undefined) return fromEnv;
  if (!context.interactive) {
    throw usageError('KEY_PASSWORD_REQUIRED', `a password is needed to ${purpose === 'create' ? 'encrypt the new' : 'decrypt the'} private key and there is no terminal to ask on`, 'set EDGECTL_PASSWORD (or COSIGN_PASSWORD) in the environment');
  }
  const { default: password } = await import('@inquirer/password');
  const first = await password({ message: purpose === 'create' ? 'Password for the new private key:' : 'Password for the private key:', mask: true });
  if (purpose === 'create') {
    const again = await password({ message: 'Repeat the password:', mask: true });
    if (again !== first) throw usageError('KEY_PASSWORD_MISMATCH', 'the two passwords differ', 'run `edgectl keygen` again');
  }
  return first;
}
