/**
 * Local stand-ins for the public base images the templates build FROM. Nothing can be pulled here,
 * so the harness assembles them offline: busybox-static for a shell and coreutils, this machine's
 * own Node.js (with the shared libraries it links) and npm, and the machine's CA bundle, which the
 * image trusts through NODE_EXTRA_CA_CERTS so `npm ci` in a container reaches the registry. They are
 * tagged with the public names, so the templates' Dockerfiles stay exactly as a user needs them.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { harnessDir } from './state.js';
import { run, runOrThrow } from './processes.js';

/** The images the templates and the supervisor's container mode name in their FROM lines. */
export const NODE_BASE_IMAGES = ['node:20-bookworm-slim'] as const;
const MARKER_LABEL = 'dev.edgectl.test-base-image';
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

export function imageExists(reference: string): boolean {
  return run('docker', ['image', 'inspect', reference]).status === 0;
}

/** Builds the Node base image once and tags it with every name in NODE_BASE_IMAGES. */
export function ensureBaseImages(): void {
  const missing = NODE_BASE_IMAGES.filter((name) => !imageExists(name));
  if (missing.length === 0) return;
  const context = join(harnessDir(), 'node-base');
  rmSync(context, { recursive: true, force: true });
  assembleNodeRootfs(join(context, 'rootfs'));
  writeFileSync(join(context, 'Dockerfile'), nodeDockerfile());
  const [first, ...others] = missing;
  if (first === undefined) return;
  runOrThrow('docker', ['build', '-q', '-t', first, context], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, timeoutMs: 300_000 });
  for (const name of others) runOrThrow('docker', ['tag', first, name]);
}

function assembleNodeRootfs(root: string): void {
  const node = realpathSync(process.execPath);
  const npmDir = realpathSync(join(dirname(node), '..', 'lib', 'node_modules', 'npm'));
  place(root, '/bin/busybox', which('busybox'));
  place(root, '/usr/local/bin/node', node);
  for (const library of sharedLibraries(node)) place(root, library, library);
  cpSync(npmDir, join(root, 'usr/local/lib/node_modules/npm'), { recursive: true, dereference: true });
  link(root, '/usr/local/bin/npm', '../lib/node_modules/npm/bin/npm-cli.js');
  link(root, '/usr/local/bin/npx', '../lib/node_modules/npm/bin/npx-cli.js');
  // Shebangs of npm and package bins say /usr/bin/env; busybox provides it.
  link(root, '/usr/bin/env', '/bin/busybox');
  place(root, CA_BUNDLE, CA_BUNDLE);
  write(root, '/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n');
  write(root, '/etc/group', 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n');
  write(root, '/etc/nsswitch.conf', 'passwd: files\ngroup: files\nhosts: files dns\n');
}

function nodeDockerfile(): string {
  return [
    'FROM scratch',
    'COPY rootfs/ /',
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    'RUN mkdir -p /home/node /root /tmp /usr/src/app && chown 1000:1000 /home/node && chmod 1777 /tmp',
    'ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \\',
    `    NODE_EXTRA_CA_CERTS=${CA_BUNDLE} \\`,
    `    SSL_CERT_FILE=${CA_BUNDLE} \\`,
    '    NODE_VERSION=' + process.versions.node,
    `LABEL ${MARKER_LABEL}=true`,
    'CMD ["node"]',
    '',
  ].join('\n');
}

/** The absolute paths `ldd` lists for a binary, so a glibc program runs in an otherwise empty image. */
function sharedLibraries(binary: string): string[] {
  const out = runOrThrow('ldd', [binary]);
  return [...out.matchAll(/(\/[^\s)]+)/g)].map((m) => m[1] ?? '').filter((path) => path !== '' && existsSync(path));
}

function which(program: string): string {
  const found = ['/bin', '/usr/bin', '/usr/local/bin', '/sbin', '/usr/sbin'].map((dir) => join(dir, program)).find(existsSync);
  if (found === undefined) throw new Error(`${program} is not installed (Debian: apt-get install busybox-static)`);
  return realpathSync(found);
}

function place(root: string, target: string, source: string): void {
  const destination = join(root, target);
  mkdirSync(dirname(destination), { recursive: true });
  copyFileSync(realpathSync(source), destination);
}

function link(root: string, target: string, pointsTo: string): void {
  const destination = join(root, target);
  mkdirSync(dirname(destination), { recursive: true });
  symlinkSync(pointsTo, destination);
}

function write(root: string, target: string, content: string): void {
  const destination = join(root, target);
  mkdirSync(dirname(destination), { recursive: true });
  writeFileSync(destination, content);
}
