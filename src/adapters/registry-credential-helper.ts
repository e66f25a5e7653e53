/**
 * Runs a Docker credential helper the way the Docker CLI does (docker-credential-helpers' client):
 * `docker-credential-<name> get` found on the PATH, the server address on stdin, JSON on stdout.
 * An argv array, never a shell; the helper's answer is never logged, and a failure quotes at most
 * the first line the helper wrote (its error message), never its stdout when it was an answer.
 */
import { spawn } from 'node:child_process';
import { EdgeError } from '../core/errors.js';
import { isHelperNotFound, parseHelperOutput, type Credentials } from '../core/images/registry-credentials.js';

/** A desktop keychain may ask its user to unlock it; beyond this we say what hangs. */
const HELPER_TIMEOUT_MS = 60_000;

export async function getFromCredentialHelper(program: string, serverAddress: string, env: Readonly<Record<string, string | undefined>>, setting: string): Promise<Credentials | undefined> {
  const { exitCode, stdout, stderr } = await runHelper(program, serverAddress, env, setting);
  if (exitCode === 0) return parseHelperOutput(stdout, program);
  // The helpers print their "not found" error on stdout and exit 1; docker then goes anonymous.
  if (isHelperNotFound(stdout) || isHelperNotFound(stderr)) return undefined;
  // A JSON stdout is an answer, whatever the exit code says: it is not quoted.
  const said = firstLine(stderr) || (stdout.trim().startsWith('{') ? '' : firstLine(stdout));
  throw new EdgeError({
    code: 'CREDENTIAL_HELPER_FAILED',
    message: `${program} get failed for ${serverAddress} (exit ${exitCode})${said === '' ? '' : `: ${said}`}`,
    hint: `check the helper with \`${program} list\`, or log in again with \`docker login ${serverAddress}\``,
  });
}

function runHelper(program: string, serverAddress: string, env: Readonly<Record<string, string | undefined>>, setting: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { env: { ...env } as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'], timeout: HELPER_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.stdin.on('error', () => undefined);
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT'
        ? new EdgeError({ code: 'CREDENTIAL_HELPER_FAILED', message: `the Docker config's ${setting} needs ${program}, which is not on the PATH`, hint: `install ${program}, or remove ${setting} from the Docker config (~/.docker/config.json) to use its "auths"` })
        : new EdgeError({ code: 'CREDENTIAL_HELPER_FAILED', message: `could not run ${program}: ${error.message}`, hint: `check that ${program} is executable` }));
    });
    child.once('close', (code, signal) => {
      if (signal === 'SIGTERM' && code === null) {
        reject(new EdgeError({ code: 'CREDENTIAL_HELPER_FAILED', message: `${program} get did not answer within ${HELPER_TIMEOUT_MS / 1000} s`, hint: 'is it waiting for a keychain to be unlocked?' }));
        return;
      }
      resolve({ exitCode: code ?? 1, stdout, stderr });
    });
    child.stdin.end(serverAddress);
  });
}

function firstLine(text: string): string {
  return (text.trim().split('\n')[0] ?? '').slice(0, 200);
}
