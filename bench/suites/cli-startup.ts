/** How much edgectl adds to Node's own start: `--version` and `--help` against `node -e 0`. */
import { fileURLToPath } from 'node:url';
import { ratioRow, type BenchSuite } from '../bench-types.js';
import { BARE_NODE, compareProcesses } from '../measure.js';

const edgectl = fileURLToPath(new URL('../../../bin/edgectl', import.meta.url));

export const cliStartup: BenchSuite = {
  name: 'cli start-up',
  async run() {
    const times = compareProcesses({
      node: BARE_NODE.command,
      version: { file: edgectl, args: ['--version'] },
      help: { file: edgectl, args: ['--help'] },
    });
    const baseline = { name: BARE_NODE.name, value: times['node'] ?? Number.NaN };
    return [
      ratioRow('edgectl --version', times['version'] ?? Number.NaN, baseline, 1.5),
      ratioRow('edgectl --help', times['help'] ?? Number.NaN, baseline, 3),
    ];
  },
};
