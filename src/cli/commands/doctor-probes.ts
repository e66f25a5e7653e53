/** The real probes behind `edgectl doctor`, kept apart so the command's logic runs on fakes in tests. */
import { connectDocker, dockerEndpoint, dockerError } from '../../adapters/docker.js';
import { exec } from '../../adapters/exec.js';
import { EdgeError } from '../../core/errors.js';

export function dockerVersionProbe(env: Readonly<Record<string, string | undefined>>): () => Promise<string> {
  return async () => {
    const endpoint = dockerEndpoint(env);
    const docker = await connectDocker(endpoint);
    try {
      const version = await docker.version();
      return `${version.Version} (API ${version.ApiVersion}) at ${endpoint.description}`;
    } catch (error) {
      throw dockerError(error, endpoint, 'read its version');
    }
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
