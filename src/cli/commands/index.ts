/** Every command edgectl offers, in the order `edgectl --help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerDoctor } from './doctor.js';
import { registerValidate } from './validate.js';
import { registerGenconfig } from './genconfig.js';
import { registerNew } from './new.js';
import { registerBuild } from './build.js';
import { registerPush } from './push.js';
import { registerKeygen } from './keygen.js';
import { registerSign } from './sign.js';
import { registerVerify } from './verify.js';
import { registerDeploy } from './deploy.js';
import { registerStatus } from './status.js';
import { registerLogs } from './logs.js';
import { registerRestart } from './restart.js';
import { registerRollback } from './rollback.js';
import { registerTwin } from './twin.js';
import { registerInvoke } from './invoke.js';
import { registerMonitor } from './monitor.js';
import { registerQuickstart } from './quickstart.js';

export type RegisterCommand = (program: Command, context: CliContext) => void;

export const commands: readonly RegisterCommand[] = [
  registerQuickstart,
  registerDoctor, registerValidate, registerGenconfig, registerNew, registerBuild, registerPush, registerKeygen, registerSign, registerVerify,
  registerDeploy, registerStatus, registerLogs, registerRestart, registerRollback,
  registerTwin, registerInvoke, registerMonitor,
];
