/**
 * Which credentials go with which registry: Azure's `.env` convention
 * (CONTAINER_REGISTRY_SERVER / _USERNAME / _PASSWORD, and the same with _1, _2… suffixes for more
 * registries) first, then the Docker CLI's config.json `auths` (base64 `user:password`).
 */

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

/** Credentials for `registry` from a parsed ~/.docker/config.json. */
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
