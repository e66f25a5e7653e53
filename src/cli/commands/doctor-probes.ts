/** The real probes behind `edgectl doctor`, kept apart so the command's logic runs on fakes in tests. */
import { dockerEndpoint } from '../../adapters/docker.js';
import { EngineApi } from '../../adapters/engine-api.js';
import { exec } from '../../adapters/exec.js';
import { EdgeError } from '../../core/errors.js';

export function dockerVersionProbe(env: Readonly<Record<string, string | undefined>>): () => Promise<string> {
  return async () => {
    const endpoint = dockerEndpoint(env);
    // The same Engine client as build and push, so an unreachable engine reads the same everywhere.
    const version = await new EngineApi(endpoint).version();
    return `${version.Version} (API ${version.ApiVersion}) at ${endpoint.description}`;
  };
}

export function sshVersionProbe(): () => Promise<string> {
  return async () => {
    try {
      // OpenSSH prints its banner on stderr.
      const result = await exec('ssh', ['-V'], { timeoutMs: 5000 });
      return (result.stderr || result.stdout).trim();
    } catch (error) {
      if (error instanceof EdgeError) {
        throw new EdgeError({ code: 'SSH_CLIENT_MISSING', message: 'no OpenSSH client (`ssh`) on the PATH', hint: 'install OpenSSH (Debian/Ubuntu: apt-get install openssh-client)' });
      }
      throw error;
    }
  };
}
