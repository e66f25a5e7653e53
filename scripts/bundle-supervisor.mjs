// Builds the self-contained supervisor that `edgectl device install` copies to a device: one ESM
// file with every runtime dependency inlined, and its sha256 next to it. bin/edge-supervisor loads the
// same file, so the local device and the tests run exactly what devices run (and it idles 1.5–2 MB
// smaller than the compiled tree of separate modules: measured with 10 modules and the hub, 55–56 vs 57–58 MB).
// It sits at the same place in dist/ as the compiled main.js, so code that finds files relative to
// the package root (such as ../../../package.json) resolves the same way here and on the device,
// where the installer lays out <version>/package.json and <version>/dist/src/supervisor/edge-supervisor.bundle.mjs.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const entry = 'dist/src/supervisor/main.js';
const outfile = 'dist/src/supervisor/edge-supervisor.bundle.mjs';

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Optional native add-ons (ssh2's crypto binding, cpu-features) are loaded in try/catch by their
  // users and have pure-JS fallbacks; a bundle cannot carry .node files, so they stay out.
  external: ['cpu-features', '*.node'],
  // CommonJS dependencies use require, __dirname and __filename, which ESM output lacks.
  banner: {
    js: [
      "import { createRequire as __edgectlCreateRequire } from 'node:module';",
      "import { fileURLToPath as __edgectlFileURLToPath } from 'node:url';",
      'const require = __edgectlCreateRequire(import.meta.url);',
      'const __filename = __edgectlFileURLToPath(import.meta.url);',
      "import { dirname as __edgectlDirname } from 'node:path';",
      'const __dirname = __edgectlDirname(__filename);',
    ].join(' '),
  },
  legalComments: 'none',
  // Without comments and indentation the source is 1.3 MB instead of 1.8 MB and ASCII only, so V8
  // keeps it (it must, for lazy compilation) as a one-byte string: 1.3 MB of the daemon's heap for
  // good, where a single "→" left in a comment made it a two-byte string of 3.6 MB. Names are kept,
  // so stack traces stay readable.
  minifyWhitespace: true,
  logLevel: 'warning',
});

const bytes = readFileSync(outfile);
if (bytes.some((byte) => byte > 0x7f)) throw new Error(`${outfile} holds non-ASCII text: V8 would keep the whole source as a two-byte string`);
const sha256 = createHash('sha256').update(bytes).digest('hex');
writeFileSync(`${outfile}.sha256`, `${sha256}\n`);
