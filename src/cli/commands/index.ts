/** Every command edgectl offers, in the order `edgectl --help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerDoctor } from './doctor.js';
import { registerDevice } from './device.js';

export type RegisterCommand = (program: Command, context: CliContext) => void;

export const commands: readonly RegisterCommand[] = [registerDoctor, registerDevice];
