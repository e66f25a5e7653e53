// Build step (last): bundles the CLI into dist/src/bundle/, which bin/edgectl loads. Resolving and
// loading ~300 small ES modules cost each command 20–40 ms of its start; the bundle is a main file
// plus chunks that esbuild splits at every dynamic import, so a command still loads only its own
// code. The output sits at the same depth as dist/src/cli/, so paths the code finds relative to its
// own file (../../../package.json, ../../../templates/, ../supervisor/…) resolve the same in both.
import process from 'node:process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'src', 'bundle');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Error and class names show in messages and --debug output: keep them as written.
  keepNames: true,
  // CommonJS dependencies (commander, ajv's runtime) call require, which ESM output lacks.
  banner: { js: "import { createRequire as __edgectlCreateRequire } from 'node:module'; const require = __edgectlCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).length;
const chunks = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).length;
process.stdout.write(`bundled ${inputs} modules of the CLI into ${chunks} files in dist/src/bundle/\n`);
