/**
 * Composition root of the edge-supervisor process. The daemon arrives with its own issue; until
 * then the binary answers --version and says plainly that it has nothing else yet.
 */
import { readFileSync } from 'node:fs';

const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const argv = process.argv.slice(2);

if (argv[0] === '--version' || argv[0] === '-V') {
  process.stdout.write(`${version}\n`);
} else {
  process.stderr.write('edge-supervisor: usage: edge-supervisor --version\n');
  process.exitCode = 2;
}
