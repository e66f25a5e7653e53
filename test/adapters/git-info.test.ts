import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ociLabels, readCreatedTime, readSourceIdentity, stripCredentials, type SourceInfo } from '../../src/adapters/git-info.js';
import { exec } from '../../src/adapters/exec.js';

/** What build-run gathers for an image's labels, from the two readers it calls. */
async function readSourceInfo(run: typeof exec, dir: string, env: Record<string, string>): Promise<SourceInfo> {
  const created = await readCreatedTime(run, dir, env);
  return { ...await readSourceIdentity(run, dir, env), ...(created === undefined ? {} : { created }) };
}

t.equal(stripCredentials('https://user:ghp_secret@github.com/org/repo.git'), 'https://github.com/org/repo.git', 'tokens never reach a public label');
t.equal(stripCredentials('git@github.com:org/repo.git'), 'git@github.com:org/repo.git');
t.equal(stripCredentials('https://github.com/org/repo'), 'https://github.com/org/repo');

t.test('labels from a git checkout: revision, source without credentials, commit time', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-git-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...process.env, GIT_COMMITTER_DATE: '2024-01-02T03:04:05Z', GIT_AUTHOR_DATE: '2024-01-02T03:04:05Z' } }).trim();
  git('init', '-q');
  git('remote', 'add', 'origin', 'https://bot:s3cret@example.com/edge/solution.git');
  writeFileSync(join(dir, 'a.txt'), 'a');
  git('add', 'a.txt');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'first');
  const info = await readSourceInfo(exec, dir, {});
  t.same(ociLabels(info, '1.2.3'), {
    'org.opencontainers.image.created': '2024-01-02T03:04:05.000Z',
    'org.opencontainers.image.version': '1.2.3',
    'org.opencontainers.image.revision': git('rev-parse', 'HEAD'),
    'org.opencontainers.image.source': 'https://example.com/edge/solution.git',
  });
  t.equal((await readSourceInfo(exec, dir, { SOURCE_DATE_EPOCH: '0' })).created, '1970-01-01T00:00:00.000Z', 'SOURCE_DATE_EPOCH wins');
});

t.test('outside git no process is started and created is left to the context', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-nogit-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  let calls = 0;
  const counting: typeof exec = async (file, args, options) => { calls++; return exec(file, args, options); };
  t.same(await readSourceInfo(counting, dir, {}), {});
  t.equal(calls, 0);
});

t.test('revision and source come from the .git files as git would answer, without starting git', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'edgectl-gitfiles-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const repo = join(dir, 'repo');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, '.config') } }).trim();
  execFileSync('git', ['init', '-q', repo]);
  const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config') };
  let calls = 0;
  const counting: typeof exec = async (file, args, options) => { calls++; return exec(file, args, { ...options, env }); };

  t.same(await readSourceIdentity(counting, repo, env), {}, 'no commit yet, no remote');
  git('remote', 'add', 'origin', 'https://bot:s3cret@example.com/edge/solution.git');
  writeFileSync(join(repo, 'a.txt'), 'a');
  git('add', 'a.txt');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'first');
  const expected = { revision: git('rev-parse', 'HEAD'), source: 'https://example.com/edge/solution.git' };
  t.same(await readSourceIdentity(counting, join(repo), env), expected, 'loose ref');
  git('pack-refs', '--all');
  t.same(await readSourceIdentity(counting, repo, env), expected, 'packed ref');
  git('checkout', '-q', '--detach');
  t.same(await readSourceIdentity(counting, repo, env), expected, 'detached HEAD');
  git('checkout', '-q', '-');
  git('worktree', 'add', '-q', join(dir, 'wt'), '-b', 'other');
  t.same(await readSourceIdentity(counting, join(dir, 'wt'), env), expected, 'a linked worktree');
  t.equal(calls, 0, 'git was not started');

  writeFileSync(join(dir, '.gitconfig'), '[url "https://mirror.example.com/"]\n\tinsteadOf = https://bot:s3cret@example.com/\n');
  t.same(await readSourceIdentity(counting, repo, env), { revision: expected.revision, source: 'https://mirror.example.com/edge/solution.git' }, 'URL rewriting is left to git');
  t.ok(calls > 0, 'and git was asked');
});
