/** Every benchmark suite `npm run bench` runs, in order. Add a suite here to have it measured. */
import type { BenchSuite } from '../bench-types.js';
import { cliStartup } from './cli-startup.js';
import { sshSuite } from './ssh.js';

export const suites: readonly BenchSuite[] = [cliStartup, sshSuite];
