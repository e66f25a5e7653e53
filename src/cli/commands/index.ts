/** Every command edgectl offers, in the order `edgectl --help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerDoctor } from './doctor.js';
import { registerDevice } from './device.js';
import { registerDeploy } from './deploy.js';
import { registerStatus } from './status.js';
import { registerLogs } from './logs.js';
import { registerRestart } from './restart.js';
import { registerRollback } from './rollback.js';

export type RegisterCommand = (program: Command, context: CliContext) => void;

export const commands: readonly RegisterCommand[] = [registerDoctor, registerDeploy, registerStatus, registerLogs, registerRestart, registerRollback, registerDevice];
