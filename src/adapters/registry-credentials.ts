/**
 * Finds registry credentials for a command: the project's `.env` merged under the process
 * environment, then the Docker CLI config ($DOCKER_CONFIG/config.json or ~/.docker/config.json),
 * including its credential helpers (credsStore / credHelpers), run as docker runs them.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseDotenv } from '../core/genconfig/dotenv.js';
import { credentialsFromEnvironment, dockerConfigSource, normalizeRegistry, type Credentials } from '../core/images/registry-credentials.js';

export interface CredentialSources {
  env: Readonly<Record<string, string | undefined>>;
  /** The solution folder holding `.env`. */
  cwd: string;
}

/** The process environment over the solution's `.env` (DOTENV_FILE selects another file, as in iotedgedev). */
export function loadSolutionEnvironment(sources: CredentialSources): Record<string, string> {
  const file = sources.env['DOTENV_FILE'] ?? '.env';
  let text = '';
  try {
    text = readFileSync(join(sources.cwd, file), 'utf8');
  } catch {
    // No .env is normal outside an Azure-style solution.
  }
  // As python-dotenv: values already in the process environment win over the file's.
  const merged: Record<string, string> = Object.fromEntries(parseDotenv(text).values);
  for (const [key, value] of Object.entries(sources.env)) if (value !== undefined) merged[key] = value;
  return merged;
}

export function findRegistryCredentials(registry: string, sources: CredentialSources): Promise<Credentials | undefined> {
  return credentialsFor(registry, loadSolutionEnvironment(sources), sources);
}

/** `solutionEnv`: loadSolutionEnvironment(sources), read once by the caller. */
async function credentialsFor(registry: string, solutionEnv: Record<string, string>, sources: CredentialSources): Promise<Credentials | undefined> {
  const fromEnv = credentialsFromEnvironment(registry, solutionEnv);
  if (fromEnv !== undefined) return fromEnv;
  const configDir = sources.env['DOCKER_CONFIG'] ?? join(sources.env['HOME'] ?? homedir(), '.docker');
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
  } catch {
    // No Docker config (or not JSON, which docker itself would refuse): anonymous access.
    return undefined;
  }
  const source = dockerConfigSource(registry, config);
  if (source.kind === 'inline') return source.credentials;
  if (source.kind === 'none') return undefined;
  // Loaded only when a helper is configured: builds read .env through this module too.
  const { getFromCredentialHelper } = await import('./registry-credential-helper.js');
  return getFromCredentialHelper(source.program, source.serverAddress, sources.env, source.setting);
}

export type RegistryCredentialFinder = (registry: string) => Promise<Credentials | undefined>;

/**
 * For one command run over several images: each registry server is looked up once, however many
 * images it holds (and `.env` is read once). A credential helper is a process per call, and a keychain
 * may ask its user each time.
 */
export function registryCredentialFinder(sources: CredentialSources): RegistryCredentialFinder {
  const solutionEnv = loadSolutionEnvironment(sources);
  const found = new Map<string, Promise<Credentials | undefined>>();
  return (registry) => {
    const server = normalizeRegistry(registry);
    let answer = found.get(server);
    if (answer === undefined) {
      answer = credentialsFor(registry, solutionEnv, sources);
      found.set(server, answer);
    }
    return answer;
  };
}
