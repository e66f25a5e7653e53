// Build step (after compile-schemas): bundles the validation pipeline (src/core/manifest, the
// route grammar and the compiled schemas) into one ESM file. Loading ~40 small ES modules costs
// `edgectl validate` about 15-20 ms of its start; one file costs about 5. The CLI imports the
// bundle; tests and the supervisor may import the unbundled modules, which behave the same.
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'dist', 'src', 'core', 'manifest');
const result = await build({
  entryPoints: [join(dir, 'validate-deployment.js')],
  outfile: join(dir, 'validate-bundle.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).length;
process.stdout.write(`bundled ${inputs} modules into dist/src/core/manifest/validate-bundle.js\n`);
