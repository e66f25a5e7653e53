/** The published schemas: 2020-12, an $id an editor can use (matching the file name), and they compile with ajv. */
import { readFileSync, readdirSync } from 'node:fs';
import t from 'tap';
import Ajv2020 from 'ajv/dist/2020.js';

const dir = new URL('../../../schemas/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

t.test('five schemas with matching $id', async (t) => {
  t.same(files.sort(), ['deployment.json', 'deployment.template.json', 'devices.json', 'layered-deployment.json', 'module.json']);
  for (const file of files) {
    const schema = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { $schema: string; $id: string; title?: string };
    t.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', `${file} is 2020-12`);
    t.equal(schema.$id, `https://edgectl.dev/schemas/${file}`, `${file} $id`);
    t.type(schema.title, 'string');
  }
});

t.test('they compile together in strict mode', async (t) => {
  const ajv = new Ajv2020.default({ strict: true, strictRequired: false, allowUnionTypes: true });
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as object);
  for (const file of files) t.ok(ajv.getSchema(`https://edgectl.dev/schemas/${file}`), file);
});
