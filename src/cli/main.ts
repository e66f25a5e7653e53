/**
 * Composition root of the edgectl process: the only file that reads process.env, touches the real
 * stdio and sets the exit code. `--version` is answered before anything else loads, so scripts that
 * probe for edgectl pay for little more than Node's own start.
 */
import { readFileSync } from 'node:fs';
import { adoptDeferredCaCertificates } from '../adapters/deferred-ca-certificates.js';

// bin/edgectl set NODE_EXTRA_CA_CERTS aside so that Node would not load it at start-up; hand it back
// before anything reads the environment or starts a child process.
adoptDeferredCaCertificates(process.env);

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const argv = process.argv.slice(2);

// `edgectl … | head` closes the pipe early: that is the reader being done, not a failure to report
// with a stack trace. Stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  const { runCli } = await import('./run-cli.js');
  process.exitCode = await runCli(argv, {
    version,
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
