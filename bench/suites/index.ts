/** Every benchmark suite `npm run bench` runs, in order. Add a suite here to have it measured. */
import type { BenchSuite } from '../bench-types.js';
import { cliStartup } from './cli-startup.js';
import { hubSuite } from './hub.js';
import { manifests } from './manifests.js';
import { routes } from './routes.js';
import { images } from './images.js';
import { supervisorSuite } from './supervisor.js';
import { quickstartSuite } from './quickstart.js';
import { sshSuite } from './ssh.js';

export const suites: readonly BenchSuite[] = [cliStartup, routes, manifests, images, supervisorSuite, hubSuite, sshSuite, quickstartSuite];
