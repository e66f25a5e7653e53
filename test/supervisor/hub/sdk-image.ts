/**
 * A module image with the real Azure IoT Node SDK inside, built offline: FROM the harness's local Node
 * base image, with the SDK packages copied from this checkout's node_modules (never fetched) and the
 * test's SDK module (fixtures/sdk-module.js), driven by SDK_MODULE_SCRIPT.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../../../src/core/deployment/content-hash.js';
import { ensureBaseImages, imageExists, NODE_BASE_IMAGES } from '../../harness/base-images.js';
import { runOrThrow } from '../../harness/processes.js';
import { moduleScript } from './hub-fixture.js';

const checkout = fileURLToPath(new URL('../../../../', import.meta.url));

/** The package folders the SDK needs, resolved the way Node resolves them from the checkout. */
function sdkPackageDirs(): string[] {
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    let dir = from;
    for (;;) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        dir = candidate;
        break;
      }
      const up = dirname(dir);
      if (up === dir) return;
      dir = up;
    }
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(pkg.dependencies ?? {})) visit(dependency, dir);
  };
  visit('azure-iot-device', checkout);
  visit('azure-iot-device-mqtt', checkout);
  return [...seen].sort();
}

export function ensureSdkImage(): string {
  ensureBaseImages();
  const script = readFileSync(moduleScript, 'utf8');
  const dirs = sdkPackageDirs();
  const tag = `edgectl-test/sdk-module:${sha256Hex(script + dirs.join('\n')).slice(0, 12)}`;
  if (imageExists(tag)) return tag;
  const context = mkdtempSync(join(tmpdir(), 'edgectl-sdk-image-'));
  try {
    for (const dir of dirs) cpSync(dir, join(context, 'app', relative(checkout, dir)), { recursive: true });
    // An ES module beside a package.json saying so, as in the checkout.
    writeFileSync(join(context, 'app', 'package.json'), '{"type":"module"}\n');
    writeFileSync(join(context, 'app', 'sdk-module.js'), script);
    writeFileSync(join(context, 'Dockerfile'), `FROM ${NODE_BASE_IMAGES[0]}\nCOPY app /app\nWORKDIR /app\nCMD ["node", "/app/sdk-module.js"]\n`);
    runOrThrow('docker', ['build', '-q', '-t', tag, context], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return tag;
}
