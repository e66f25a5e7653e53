/**
 * What the `new` commands need from the world, passed in so tests can run them with fakes, and the
 * translation of planning failures into user-facing errors.
 */
import { EdgeError, usageError } from '../../core/errors.js';
import { JsonEditError } from '../../core/scaffold/json-text-edit.js';
import { JsonTextError } from '../../core/json/json-text.js';
import { RegistrationError } from '../../core/scaffold/module-registration.js';
import type { Prompter } from '../../adapters/prompts.js';
import type { ScaffoldWrite } from '../../adapters/scaffold-writer.js';
import type { TemplateReader } from '../../adapters/template-source.js';

export interface ScaffoldDeps {
  readTemplate: TemplateReader;
  /** A file's text, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  /** True when the path is a folder with nothing in it. */
  isEmptyDirectory(path: string): Promise<boolean>;
  apply(write: ScaffoldWrite): Promise<void>;
  /** Present only when edgectl may ask questions (a TTY, no --json/--yes/CI). */
  prompter?: Prompter;
}

/** A deployment template that cannot be edited is the user's input being wrong: exit 2, nothing written. */
export function planningError(error: unknown, name: string): unknown {
  if (error instanceof JsonTextError) {
    return usageError('TEMPLATE_INVALID_JSON', `a deployment template is not valid JSON: ${error.message}`, 'fix the file (edgectl validate deployment.template.json shows where), then run this again');
  }
  if (error instanceof RegistrationError) {
    return error.reason === 'exists'
      ? usageError('MODULE_EXISTS', `${name} is already registered in the deployment template (${error.message})`, 'choose another name, or add --force to keep the existing entries')
      : usageError('TEMPLATE_NOT_EDITABLE', `the deployment template cannot take a module: ${error.message}`, 'edgectl edits templates with modulesContent.$edgeAgent.properties.desired.modules and $edgeHub routes');
  }
  if (error instanceof JsonEditError) return new EdgeError({ code: 'TEMPLATE_NOT_EDITABLE', message: error.message, exitCode: 2 });
  return error;
}
