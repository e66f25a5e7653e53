/**
 * The hub's TLS material: a device CA (self-signed root, what modules trust through
 * EdgeModuleCACertificateFile) and a server certificate for the names modules dial (gateway host name,
 * localhost, 127.0.0.1, the bridge IP). Made on first start, kept in the state directory, owner-only
 * keys. The server certificate is remade when the names change or it nears expiry; the CA is kept, so
 * running modules keep trusting the hub.
 *
 * Certificates are made with @peculiar/x509 over Node's WebCrypto: ECDSA P-256, no openssl binary
 * needed on the device. It is loaded only when something must be generated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import type * as X509 from '@peculiar/x509';
import { ensurePrivateDir, writeFileAtomic } from '../../adapters/atomic-file.js';

export interface TlsMaterial {
  caFile: string;
  caPem: string;
  /** Server certificate followed by nothing else: it is signed by the root directly. */
  certPem: string;
  keyPem: string;
}

interface ServerMeta {
  names: string[];
  notAfter: string;
}

const DAY = 86_400_000;
const CA_DAYS = 3650;
const SERVER_DAYS = 825;
const RENEW_BEFORE_DAYS = 30;
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

const toPem = (label: string, der: ArrayBuffer): string =>
  `-----BEGIN ${label}-----\n${(Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;

function serial(): string {
  // Positive, 16 random bytes: unique enough that a regenerated certificate never repeats a serial.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function loadX509(): Promise<typeof X509> {
  // @peculiar/x509 resolves its ASN.1 parsers through tsyringe, which needs the Reflect metadata polyfill.
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as never);
  return x509;
}

/**
 * Makes what is missing or stale in `dir` for these names. The default makes it in this process; the
 * daemon passes one that runs `edge-supervisor hub-tls` in a short-lived child instead, because the
 * x509 and ASN.1 libraries, once loaded, stay in a process for good (3 MB of heap, and ICU's
 * case-mapping data: PEM labels go through toLocaleUpperCase).
 */
export type TlsMaker = (dir: string, names: readonly string[]) => Promise<void>;

export async function ensureTlsMaterial(dir: string, names: readonly string[], now = new Date(), make?: TlsMaker): Promise<TlsMaterial> {
  ensurePrivateDir(dir);
  const wanted = [...new Set(names)].sort();
  if (!tlsMaterialCurrent(dir, wanted, now)) await (make ?? ((d, n) => makeTlsMaterial(d, n, now)))(dir, wanted);
  const file = (name: string): string => join(dir, name);
  return {
    caFile: file('ca.cert.pem'),
    caPem: readFileSync(file('ca.cert.pem'), 'utf8'),
    certPem: readFileSync(file('server.cert.pem'), 'utf8'),
    keyPem: readFileSync(file('server.key.pem'), 'utf8'),
  };
}

function hasCa(dir: string): boolean {
  return existsSync(join(dir, 'ca.key.pem')) && existsSync(join(dir, 'ca.cert.pem'));
}

/** A server certificate for exactly these (sorted) names, not near expiry. */
function serverCurrent(dir: string, names: readonly string[], now: Date): boolean {
  const file = (name: string): string => join(dir, name);
  if (!existsSync(file('server.json')) || !existsSync(file('server.cert.pem')) || !existsSync(file('server.key.pem'))) return false;
  const meta = JSON.parse(readFileSync(file('server.json'), 'utf8')) as ServerMeta;
  return meta.names.join(',') === names.join(',') && Date.parse(meta.notAfter) - now.getTime() > RENEW_BEFORE_DAYS * DAY;
}

function tlsMaterialCurrent(dir: string, names: readonly string[], now: Date): boolean {
  return hasCa(dir) && serverCurrent(dir, names, now);
}

/** Makes, in this process, the CA when absent and the server certificate when not current. */
export async function makeTlsMaterial(dir: string, names: readonly string[], now = new Date()): Promise<void> {
  ensurePrivateDir(dir);
  const wanted = [...new Set(names)].sort();
  if (!hasCa(dir)) await makeCa(dir, now);
  if (!serverCurrent(dir, wanted, now)) await makeServer(dir, wanted, now);
}

async function makeCa(dir: string, now: Date): Promise<void> {
  const x509 = await loadX509();
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=edgectl hub device CA',
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + CA_DAYS * DAY),
    signingAlgorithm: algorithm,
    keys: keys as never,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never),
    ],
  });
  writeFileAtomic(join(dir, 'ca.key.pem'), toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), 0o600);
  // The CA certificate is public: containers read it through a read-only mount.
  writeFileAtomic(join(dir, 'ca.cert.pem'), cert.toString('pem') + '\n', 0o644);
}

async function makeServer(dir: string, names: readonly string[], now: Date): Promise<void> {
  const x509 = await loadX509();
  const ca = new x509.X509Certificate(readFileSync(join(dir, 'ca.cert.pem'), 'utf8'));
  const caKeyDer = x509.PemConverter.decode(readFileSync(join(dir, 'ca.key.pem'), 'utf8'))[0];
  if (caKeyDer === undefined) throw new Error(`no key in ${join(dir, 'ca.key.pem')}`);
  const caKey = await webcrypto.subtle.importKey('pkcs8', caKeyDer, algorithm, false, ['sign']);
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const notAfter = new Date(now.getTime() + SERVER_DAYS * DAY);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names.find((n) => isIP(n) === 0) ?? 'edgectl hub'}`,
    issuer: ca.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter,
    signingAlgorithm: algorithm,
    publicKey: keys.publicKey as never,
    signingKey: caKey as never,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((n) => (isIP(n) === 0 ? { type: 'dns' as const, value: n } : { type: 'ip' as const, value: n }))),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  writeFileAtomic(join(dir, 'server.key.pem'), toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), 0o600);
  writeFileAtomic(join(dir, 'server.cert.pem'), cert.toString('pem') + '\n', 0o600);
  writeFileAtomic(join(dir, "server.json"), JSON.stringify({ names: [...names], notAfter: notAfter.toISOString() } satisfies ServerMeta), 0o600);
}
