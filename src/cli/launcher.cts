/**
 * What bin/edgectl runs. It answers `--version` from package.json, and otherwise loads the CLI,
 * which is one CommonJS file (scripts/bundle-cli.mjs), through V8's code cache. Without the cache,
 * V8 parses the ~900 KB bundle and compiles what the command runs, every time (~25 ms); with it, V8
 * deserializes what an earlier run of the same command compiled (~3 ms). (Node 22 has this built in as
 * `module.enableCompileCache`; edgectl supports Node 20.)
 *
 * This file is CommonJS, and so is bin/edgectl (bin/package.json), so a run never starts Node's ES
 * module loader. Keep it small: it runs before the bundle on every command.
 */
import fs = require('node:fs');
import path = require('node:path');
import nodeModule = require('node:module');
import vm = require('node:vm');
import compileCache = require('./compile-cache.cjs');

const root = path.join(__dirname, '..', '..', '..');
const bundle = path.join(root, 'dist', 'src', 'bundle', 'edgectl.cjs');

const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Scripts probe for edgectl with this: it pays for little more than Node's own start.
  process.stdout.write(`${version}\n`);
} else {
  const cli = loadBundle();
  cli.main(version).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

/** Runs the bundle as Node would run a CommonJS file, but compiled with the code cache when there is one. */
function loadBundle(): { main(version: string): Promise<void> } {
  // The bundle is ASCII only (charset: 'ascii'), so latin1 reads it exactly, without UTF-8 decoding.
  const source = fs.readFileSync(bundle, 'latin1');
  const cache = compileCache.openCompileCache(process.env, { bundleSha256: bundleSha256(), command: argv[0] ?? '', execArgv: process.execArgv });
  const cachedData = cache?.read();
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  // Written when the process ends, so it holds every function this command compiled.
  if (cache !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => cache.write(script.createCachedData()));
  }
  const module = { exports: {} as { main(version: string): Promise<void> } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, nodeModule.createRequire(bundle), module, bundle, path.dirname(bundle));
  return module.exports;
}

/** The bundle's content hash, written beside it at build time: a cache is only ever used for the bytes it was made from. */
function bundleSha256(): string {
  try {
    return fs.readFileSync(`${bundle}.sha256`, 'latin1').trim();
  } catch {
    return ''; // no cache then: slower, never different
  }
}
