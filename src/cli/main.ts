/**
 * Composition root of the edgectl process: with the launcher (launcher.cts, which answers `--version`
 * and calls `main` for everything else, with the version it read), the only code that reads
 * process.env, touches the real stdio and sets the exit code.
 */
import { adoptDeferredCaCertificates } from '../adapters/deferred-ca-certificates.js';
import { runCli } from './run-cli.js';

export async function main(version: string): Promise<void> {
  // bin/edgectl set NODE_EXTRA_CA_CERTS aside so that Node would not load it at start-up; hand it back
  // before anything reads the environment or starts a child process.
  adoptDeferredCaCertificates(process.env);

  // `edgectl … | head` closes the pipe early: that is the reader being done, not a failure to report
  // with a stack trace. Stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }

  process.exitCode = await runCli(process.argv.slice(2), {
    version,
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
