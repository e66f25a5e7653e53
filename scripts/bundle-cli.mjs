// Build step (last): bundles the CLI into one CommonJS file, dist/src/bundle/edgectl.cjs, which
// bin/edgectl loads through V8's code cache (src/cli/launcher.cts). Resolving and loading ~500 ES
// modules, or even a hundred split chunks of them, cost each command 20–40 ms of its start; a cached
// single file costs a few. Dynamic imports stay lazy: esbuild turns them into deferred requires
// within the file, so a command still runs only its own code. The output sits at the same depth as
// dist/src/cli/, so paths the code finds relative to its own file (../../../package.json,
// ../../../templates/, ../supervisor/…) resolve the same in both.
import process from 'node:process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// commander requires node:child_process at load, for executable subcommands edgectl does not use;
// loading it (and net, dgram and the rest it pulls in) cost every command ~2 ms of its start.
// Here commander reaches it on first use instead. If commander changes that line, the bundle is
// only slower, and the build says so.
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(COMMANDER_CHILD_PROCESS)) {
        return { contents: text, loader: 'js', warnings: [{ text: 'commander no longer requires node:child_process as expected: it now loads eagerly' }] };
      }
      const lazy = "let childProcessModule; const childProcess = { get spawn() { return (childProcessModule ??= require('node:child_process')).spawn; } };";
      return { contents: text.replace(COMMANDER_CHILD_PROCESS, lazy), loader: 'js' };
    });
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'src', 'bundle');
const outfile = join(outdir, 'edgectl.cjs');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
  outfile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() of our own modules becomes a deferred require inside the file, so nothing reaches for
  // Node's ES module loader (the launcher runs the file as a plain script).
  supported: { 'dynamic-import': false },
  // The code's `import.meta.url` (its own location, for package.json, templates, the supervisor).
  define: { 'import.meta.url': '__edgectlBundleUrl' },
  banner: { js: "const __edgectlBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // ASCII only: the launcher reads it as latin1, and V8 keeps it as a one-byte string.
  charset: 'ascii',
  // Error and class names show in messages and --debug output: keep them as written.
  keepNames: true,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [lazyChildProcessInCommander],
});
const bytes = readFileSync(outfile);
// The launcher keys its code cache on this: a cache is only used for the exact bytes it was made from.
writeFileSync(`${outfile}.sha256`, `${createHash('sha256').update(bytes).digest('hex')}\n`);
const inputs = Object.keys(result.metafile.inputs).length;
process.stdout.write(`bundled ${inputs} modules of the CLI into dist/src/bundle/edgectl.cjs (${Math.round(bytes.length / 1024)} KiB)\n`);
