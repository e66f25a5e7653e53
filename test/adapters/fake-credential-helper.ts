/**
 * A fake `docker-credential-fake` on the PATH (a stand-in for an external program, the way
 * docker-credential-helpers' own tests do it) and a Docker config naming it. Each call is logged as
 * `<argv>|<server>`, so a test can count how often the helper was asked.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FAKE_HELPER = `#!/bin/sh
server=$(cat)
printf '%s|%s\\n' "$*" "$server" >> "$FAKE_HELPER_LOG"
case "$server" in
  127.0.0.1:*) printf '{"ServerURL":"%s","Username":"alice","Secret":"s3cret"}\\n' "$server" ;;
  json-but-failed.example) printf '{"Username":"alice","Secret":"leaky-secret"}\\n'; exit 3 ;;
  garbage.example) echo "Secret=leaky-secret"; exit 0 ;;
  locked.example) echo "the keychain is locked" >&2; exit 2 ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`;

export function fakeCredentialHelper(teardown: (fn: () => void) => void, config: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-credhelper-'));
  teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'docker-credential-fake'), FAKE_HELPER);
  chmodSync(join(dir, 'bin', 'docker-credential-fake'), 0o755);
  mkdirSync(join(dir, 'docker'));
  writeFileSync(join(dir, 'docker', 'config.json'), JSON.stringify(config));
  const log = join(dir, 'helper.log');
  writeFileSync(log, '');
  const env = { PATH: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}`, DOCKER_CONFIG: join(dir, 'docker'), HOME: dir, FAKE_HELPER_LOG: log };
  return { dir, env, calls: () => readFileSync(log, 'utf8').split('\n').filter((line) => line !== '') };
}
