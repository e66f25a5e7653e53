/**
 * Which credentials go with which registry: Azure's `.env` convention
 * (CONTAINER_REGISTRY_SERVER / _USERNAME / _PASSWORD, and the same with _1, _2… suffixes for more
 * registries) first, then the Docker CLI's config.json: a credential helper when one is set for
 * the registry (`credHelpers`) or for all (`credsStore`), else `auths` (base64 `user:password`).
 */
import { EdgeError } from '../errors.js';

export interface Credentials {
  username: string;
  password: string;
  /** Where they came from, for messages (never the secret itself). */
  source: string;
}

/** Credentials for `registry` from an environment that already includes the .env values. */
export function credentialsFromEnvironment(registry: string, env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  const target = normalizeRegistry(registry);
  const suffixes = ['', ...Object.keys(env).map((key) => /^CONTAINER_REGISTRY_SERVER(_\w+)$/.exec(key)?.[1]).filter((s): s is string => s !== undefined)];
  for (const suffix of suffixes) {
    const server = env[`CONTAINER_REGISTRY_SERVER${suffix}`];
    if (server === undefined || server === '' || normalizeRegistry(server) !== target) continue;
    const username = env[`CONTAINER_REGISTRY_USERNAME${suffix}`] ?? '';
    const password = env[`CONTAINER_REGISTRY_PASSWORD${suffix}`] ?? '';
    if (username === '' && password === '') return undefined;
    return { username, password, source: `CONTAINER_REGISTRY_USERNAME${suffix}` };
  }
  return undefined;
}

/** Where config.json says a registry's credentials are: a helper program, inline, or nowhere. */
export type DockerConfigSource =
  | { kind: 'helper'; program: string; serverAddress: string; setting: 'credHelpers' | 'credsStore' }
  | { kind: 'inline'; credentials: Credentials }
  | { kind: 'none' };

/**
 * As the Docker CLI decides (cli/config/configfile): `credHelpers[registry]` first, then
 * `credsStore`; with a helper configured, `auths` is not read for that registry's secret.
 */
export function dockerConfigSource(registry: string, config: unknown): DockerConfigSource {
  const document = (config !== null && typeof config === 'object' ? config : {}) as { credHelpers?: unknown; credsStore?: unknown };
  const target = normalizeRegistry(registry);
  const helpers = document.credHelpers !== null && typeof document.credHelpers === 'object' ? document.credHelpers as Record<string, unknown> : {};
  const perRegistry = Object.entries(helpers).find(([key]) => normalizeRegistry(key) === target)?.[1];
  const chosen = typeof perRegistry === 'string' && perRegistry !== '' ? { name: perRegistry, setting: 'credHelpers' as const }
    : typeof document.credsStore === 'string' && document.credsStore !== '' ? { name: document.credsStore, setting: 'credsStore' as const } : undefined;
  if (chosen !== undefined) {
    // The name becomes part of a program name: nothing that could point outside the PATH lookup.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(chosen.name)) {
      throw new EdgeError({ code: 'CREDENTIAL_HELPER_FAILED', message: `${chosen.setting} in the Docker config names "${chosen.name}", which is not a credential helper name`, hint: 'fix credsStore/credHelpers in ~/.docker/config.json (e.g. "desktop", "pass", "ecr-login")' });
    }
    return { kind: 'helper', program: `docker-credential-${chosen.name}`, serverAddress: helperServerAddress(target), setting: chosen.setting };
  }
  const inline = credentialsFromDockerConfig(registry, config);
  return inline === undefined ? { kind: 'none' } : { kind: 'inline', credentials: inline };
}

/** The key `docker login` stores a registry under in a helper: Docker Hub by its v1 URL, others by host. */
export function helperServerAddress(registry: string): string {
  const host = normalizeRegistry(registry);
  return host === 'index.docker.io' ? 'https://index.docker.io/v1/' : host;
}

/**
 * A helper's answer to `get` (docker-credential-helpers' protocol): `{"ServerURL","Username","Secret"}`.
 * Output that does not parse is reported without being echoed: it may hold the secret.
 */
export function parseHelperOutput(stdout: string, program: string): Credentials {
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
  } catch {
    throw new EdgeError({ code: 'CREDENTIAL_HELPER_FAILED', message: `${program} get answered something that is not JSON`, hint: `run \`${program} list\` to check the helper works` });
  }
  if (answer === null || typeof answer !== 'object' || typeof answer.Username !== 'string' || typeof answer.Secret !== 'string') {
    throw new EdgeError({ code: 'CREDENTIAL_HELPER_FAILED', message: `${program} get answered without a Username and Secret`, hint: `run \`${program} list\` to check the helper works` });
  }
  // "<token>" marks an OAuth identity token, which needs the registry's refresh-token flow.
  if (answer.Username === '<token>') {
    throw new EdgeError({ code: 'CREDENTIAL_HELPER_FAILED', message: `${program} holds an identity token for this registry, which edgectl cannot use`, hint: 'log in with a username and password (docker login -u …), or set CONTAINER_REGISTRY_USERNAME/CONTAINER_REGISTRY_PASSWORD in .env' });
  }
  return { username: answer.Username, password: answer.Secret, source: program };
}

/** Whether a helper's failed `get` means "no credentials stored" (anonymous access, as docker does). */
export function isHelperNotFound(output: string): boolean {
  return /credentials not found/i.test(output);
}

/** Credentials for `registry` from a parsed ~/.docker/config.json's `auths`. */
export function credentialsFromDockerConfig(registry: string, config: unknown): Credentials | undefined {
  const auths = (config as { auths?: Record<string, { auth?: string; username?: string; password?: string }> } | null)?.auths;
  if (auths === undefined || auths === null || typeof auths !== 'object') return undefined;
  const target = normalizeRegistry(registry);
  for (const [key, entry] of Object.entries(auths)) {
    if (normalizeRegistry(key) !== target || entry === null || typeof entry !== 'object') continue;
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: 'docker config.json' };
    }
    if (typeof entry.username === 'string' && typeof entry.password === 'string') {
      return { username: entry.username, password: entry.password, source: 'docker config.json' };
    }
  }
  return undefined;
}

/** `https://index.docker.io/v1/`, `docker.io`, `HOST:5000/` → one comparable host[:port]. */
export function normalizeRegistry(server: string): string {
  const host = server.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return host === 'docker.io' || host === 'registry-1.docker.io' || host === 'index.docker.io' ? 'index.docker.io' : host;
}
