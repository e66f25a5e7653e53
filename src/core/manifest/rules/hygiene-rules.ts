/**
 * Things that work but hurt later: secrets written into the manifest (it lives in git), the legacy
 * `moduleContent` key, env entries that are not {"value": …} objects, env names a shell cannot use.
 */
import { appendPointer } from '../../json/json-pointer.js';
import { isObject } from '../../json/json-value.js';
import { warning, type Finding } from '../finding.js';
import { hasPlaceholder } from '../placeholders.js';
import type { Rule } from './rule-context.js';

export const registryPasswords: Rule = ({ model }) => {
  const findings: Finding[] = [];
  for (const credential of model.registryCredentials) {
    const password = credential.value['password'];
    if (typeof password !== 'string' || password === '' || hasPlaceholder(password)) continue;
    findings.push(warning('REGISTRY_PASSWORD_LITERAL', appendPointer(credential.pointer, 'password'), `registry "${credential.name}" has its password written in the manifest; it will end up in git`, { hint: 'put it in .env as CONTAINER_REGISTRY_PASSWORD and write "$CONTAINER_REGISTRY_PASSWORD" here; genconfig fills it in' }));
  }
  return findings;
};

const SECRET_IN_VALUE = /(SharedAccessKey|AccountKey|SharedAccessSignature)=[^;$]{8,}/;

export const envSecrets: Rule = ({ model }) => {
  const findings: Finding[] = [];
  for (const m of model.modules) {
    forEachEnv(m.definition, m.pointer, (name, entry, pointer) => {
      const value = isObject(entry) ? entry['value'] : undefined;
      if (typeof value === 'string' && SECRET_IN_VALUE.test(value) && !hasPlaceholder(value)) {
        findings.push(warning('SECRET_IN_MANIFEST', appendPointer(pointer, 'value'), `env ${name} of "${m.name}" holds a key or connection string; it will end up in git`, { hint: `use a placeholder ("$${name}") and keep the value in .env` }));
      }
    });
  }
  return findings;
};

export const envEntries: Rule = ({ model }) => {
  const findings: Finding[] = [];
  for (const m of model.modules) {
    forEachEnv(m.definition, m.pointer, (name, entry, pointer) => {
      if (!isObject(entry)) {
        if (name.startsWith('_comment')) findings.push(warning('ENV_NOT_OBJECT', pointer, `env entry "${name}" of "${m.name}" is a comment string, not {"value": …}; edgeAgent may reject the deployment`, { atKey: true, hint: 'remove it, or move the comment elsewhere' }));
        return;
      }
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/[+#$\s.]/.test(name)) {
        findings.push(warning('ENV_NAME_NOT_PORTABLE', pointer, `env name "${name}" is not a portable variable name; shells and many runtimes cannot read it`, { atKey: true, hint: 'use letters, digits and "_", not starting with a digit' }));
      }
    });
  }
  return findings;
};

export const legacyContentKey: Rule = ({ model }) =>
  model.legacyContentKey && model.contentPointer !== undefined
    ? [warning('LEGACY_MODULE_CONTENT', model.contentPointer, '"moduleContent" is the legacy name of "modulesContent"', { atKey: true, hint: 'rename it to "modulesContent"' })]
    : [];

function forEachEnv(definition: Record<string, unknown>, pointer: string, visit: (name: string, entry: unknown, pointer: string) => void): void {
  const env = definition['env'];
  if (!isObject(env)) return;
  for (const [name, entry] of Object.entries(env)) visit(name, entry, appendPointer(appendPointer(pointer, 'env'), name));
}
