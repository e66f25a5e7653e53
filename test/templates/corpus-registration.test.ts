/**
 * `edgectl new module` on real deployment templates from public Azure IoT Edge projects (the
 * compatibility corpus): the edit only adds the module, its routes and its twin — every original line
 * stays, in order (the previous last member may gain a comma, an empty `{}` opens up), and the values are the original ones
 * plus the additions. A template that is not JSON before expansion is refused with nothing written.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { runEdgectl } from '../harness/cli.js';
import { parseJsonText } from '../../src/core/json/json-text.js';
import { AZURE, corpusKinds } from '../core/manifest/corpus-helpers.js';
import { listFiles, temporaryDirectory } from './rendered-tree.js';

type Json = Record<string, unknown>;
const NAME = 'edgectlprobe';

/** The plain value of a JSON text, or undefined when it is not JSON (e.g. a bare `${TTL}`). */
function parse(text: string): Json | undefined {
  try {
    return parseJsonText(text).value as Json;
  } catch {
    return undefined;
  }
}

function desired(manifest: Json, agentOrHub: string): Json | undefined {
  const content = (manifest['modulesContent'] ?? manifest['moduleContent']) as Record<string, Json> | undefined;
  return content?.[agentOrHub]?.['properties.desired'] as Json | undefined;
}

const templates = [...corpusKinds()].filter(([, kind]) => kind === 'T').map(([file]) => file);

t.test('the corpus lists templates to try', async (t) => {
  t.ok(templates.length >= 20, `${templates.length} templates`);
});

for (const file of templates) {
  t.test(file, async (t) => {
    const root = temporaryDirectory('corpus');
    copyFileSync(join(AZURE, file), join(root, 'deployment.template.json'));
    const original = readFileSync(join(root, 'deployment.template.json'), 'utf8');
    const before = parse(original);
    const editable = before !== undefined
      && typeof desired(before, '$edgeAgent')?.['modules'] === 'object'
      && typeof desired(before, '$edgeHub')?.['routes'] === 'object';
    const run = await runEdgectl(['new', 'module', NAME, '--lang', 'node', '--json'], { cwd: root, env: { CI: '1' } });
    if (!editable) {
      t.equal(run.exitCode, 2, 'a template edgectl cannot edit is refused');
      t.equal(readFileSync(join(root, 'deployment.template.json'), 'utf8'), original, 'and left as it was');
      t.same(listFiles(root), ['deployment.template.json'], 'with nothing written');
      return;
    }
    t.equal(run.exitCode, 0, run.stdout + run.stderr);
    const edited = readFileSync(join(root, 'deployment.template.json'), 'utf8');
    const lines = edited.split(/\r?\n/);
    let cursor = 0;
    for (const line of original.split(/\r?\n/)) {
      let found = lines.indexOf(line, cursor);
      if (found < 0) found = lines.indexOf(`${line},`, cursor);
      // An empty object that receives the first member opens up: `"modules": {}` → `"modules": {` … `}`.
      if (found < 0 && /\{\},?$/.test(line)) found = lines.indexOf(line.replace(/\{\}(,?)$/, '{'), cursor);
      if (found < 0) { t.fail(`original line lost or reordered: ${line}`); return; }
      cursor = found + 1;
    }
    const after = parse(edited);
    if (after === undefined) { t.fail('the edited template is not JSON'); return; }
    const addedModule = (desired(after, '$edgeAgent')?.['modules'] as Json)[NAME];
    t.match(addedModule, { settings: { image: `\${MODULES.${NAME}}` } });
    t.equal((desired(after, '$edgeHub')?.['routes'] as Json)[`${NAME}ToIoTHub`], `FROM /messages/modules/${NAME}/outputs/* INTO $upstream`);
    // Remove the additions: what is left must be exactly the original.
    delete (desired(after, '$edgeAgent')?.['modules'] as Json)[NAME];
    const routes = desired(after, '$edgeHub')?.['routes'] as Json;
    for (const route of Object.keys(routes)) if (route === `${NAME}ToIoTHub` || route.endsWith(`To${NAME}`)) delete routes[route];
    delete ((after['modulesContent'] ?? after['moduleContent']) as Json)[NAME];
    t.same(after, before, 'nothing else changed');
  });
}
