/** Every command edgectl offers, in the order `edgectl --help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerDoctor } from './doctor.js';
import { registerValidate } from './validate.js';
import { registerGenconfig } from './genconfig.js';
import { registerNew } from './new.js';

export type RegisterCommand = (program: Command, context: CliContext) => void;

export const commands: readonly RegisterCommand[] = [registerDoctor, registerValidate, registerGenconfig, registerNew];
