/**
 * Composition root of the edge-supervisor process: the one place that reads process.*, builds the
 * real adapters and wires the daemon (store → service → reconciler → API) or the stdio bridge.
 */
import { readFileSync } from 'node:fs';
import { hostname, homedir } from 'node:os';

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const [command, ...rest] = process.argv.slice(2);
const { USAGE, parseDialOptions, parseRunOptions } = await import('./supervisor-options.js');
const environment = { env: process.env, uid: process.getuid?.() ?? 1000, home: homedir(), hostname: hostname() };

try {
  if (command === '--version' || command === '-V') {
    process.stdout.write(`${version}\n`);
  } else if (command === 'dial-stdio') {
    const { dialStdio } = await import('./dial-stdio.js');
    const code = await dialStdio(parseDialOptions(rest, environment).socket, process.stdin, process.stdout);
    process.exit(code);
  } else if (command === 'run') {
    // Node flags and malloc settings come from the launcher (src/core/devices/supervisor-launch-profile.ts):
    // they only take full effect when given before node starts.
    const { runDaemon } = await import('./daemon.js');
    const { tlsMakerProcess } = await import('./hub/tls-maker-process.js');
    const makeTls = tlsMakerProcess(process.execPath, process.execArgv, process.argv[1] ?? '');
    // Which build runs, so a CLI of another build can tell (the local device restarts an outdated one).
    const [{ createHash }, { buildIdOf }] = await Promise.all([import('node:crypto'), import('../protocol/supervisor-api.js')]);
    const build = buildIdOf(createHash('sha256').update(readFileSync(new URL(import.meta.url))).digest('hex'));
    await runDaemon(parseRunOptions(rest, environment), { version, build }, makeTls);
  } else if (command === 'hub-tls') {
    // Internal, run by the daemon in a child process: make the hub's certificates (tls-maker-process.ts).
    const [dir, ...names] = rest;
    if (dir === undefined || names.length === 0) throw new Error('usage: edge-supervisor hub-tls <dir> <name>…');
    const { makeTlsMaterial } = await import('./hub/tls-material.js');
    await makeTlsMaterial(dir, names);
  } else {
    process.stderr.write(command === undefined || command === '--help' || command === '-h' ? USAGE : `edge-supervisor: unknown command ${command}\n${USAGE}`);
    process.exitCode = command === '--help' || command === '-h' ? 0 : 2;
  }
} catch (error) {
  process.stderr.write(`edge-supervisor: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof TypeError && /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(String((error as NodeJS.ErrnoException).code ?? error.message)) ? 2 : 1;
}
