/**
 * A second, private Docker Engine for the one test that restarts dockerd: the shared engine keeps
 * serving the other tests. It gets its own data and exec roots, socket and a bridge made here.
 * Never `--bridge none`: dockerd then deletes the host's docker0, breaking the shared engine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerAnswers } from '../harness/docker-engine.js';
import { run, runOrThrow, waitFor } from '../harness/processes.js';

export class PrivateDockerd {
  readonly dir = mkdtempSync(join(tmpdir(), 'edgectl-dockerd-'));
  readonly socket = join(this.dir, 'docker.sock');
  readonly host = `unix://${this.socket}`;
  // Interface names are limited to 15 characters.
  readonly bridge = `edgebr${process.pid % 100000}`;
  private child: ChildProcess | undefined;

  /** Creates the bridge (root only) and starts the engine; throws when it cannot. */
  async start(): Promise<void> {
    if (process.getuid?.() !== 0) throw new Error('a private dockerd needs root');
    if (run('ip', ['link', 'show', this.bridge]).status !== 0) {
      runOrThrow('ip', ['link', 'add', this.bridge, 'type', 'bridge']);
      runOrThrow('ip', ['addr', 'add', '10.231.0.1/24', 'dev', this.bridge]);
      runOrThrow('ip', ['link', 'set', this.bridge, 'up']);
    }
    await this.launch();
  }

  private async launch(): Promise<void> {
    const log = openSync(join(this.dir, 'dockerd.log'), 'a');
    this.child = spawn('dockerd', [
      '--host', this.host, '--data-root', join(this.dir, 'root'), '--exec-root', join(this.dir, 'exec'),
      '--pidfile', join(this.dir, 'docker.pid'), '--bridge', this.bridge, '--iptables=false', '--ip-masq=false',
    ], { stdio: ['ignore', log, log] });
    await waitFor('the private dockerd', () => dockerAnswers(this.socket), 60_000, 200);
  }

  /** Copies an image from the shared engine (docker save | docker load). */
  loadImage(reference: string): void {
    const archive = join(this.dir, 'image.tar');
    runOrThrow('docker', ['save', '-o', archive, reference], { timeoutMs: 120_000 });
    runOrThrow('docker', ['-H', this.host, 'load', '-q', '-i', archive], { timeoutMs: 120_000 });
    rmSync(archive, { force: true });
  }

  docker(args: string[]): string {
    return runOrThrow('docker', ['-H', this.host, ...args]);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async destroy(): Promise<void> {
    if (this.child !== undefined && this.child.exitCode === null) {
      run('docker', ['-H', this.host, 'rm', '-f', ...this.docker(['ps', '-aq']).split('\n').filter(Boolean)]);
    }
    await this.stop();
    run('ip', ['link', 'del', this.bridge]);
    run('umount', ['-R', join(this.dir, 'exec')]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
