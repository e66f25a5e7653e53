/**
 * The daemon's way to make the hub's certificates: `edge-supervisor hub-tls <dir> <names…>` in a
 * short-lived child process running the same entry with the same node flags. The daemon itself then
 * never loads the x509 and ASN.1 libraries, which would stay in it for the months it runs; the child
 * costs a one-off second or so on first start (and when the names change or the certificate nears
 * expiry).
 */
import { execFile } from 'node:child_process';
import type { TlsMaker } from './tls-material.js';

export function tlsMakerProcess(nodePath: string, nodeFlags: readonly string[], entry: string): TlsMaker {
  return (dir, names) => new Promise((resolve, reject) => {
    execFile(nodePath, [...nodeFlags, entry, 'hub-tls', dir, ...names], { timeout: 120_000 }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else reject(new Error(`making the hub's certificates failed: ${stderr.trim() || error.message}`));
    });
  });
}
