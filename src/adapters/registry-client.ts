/**
 * A client for the OCI distribution API, spoken directly over HTTP: manifests (HEAD, GET, PUT)
 * and blobs (HEAD, GET, monolithic upload). Auth follows the registry's challenge: a bearer token
 * from the realm it names (with basic credentials when we have them) or plain basic auth.
 * https always, except loopback registries or ones the user marked insecure, which use http.
 */
import { createHash } from 'node:crypto';
import { EdgeError } from '../core/errors.js';
import { isLoopbackRegistry } from '../core/images/image-reference.js';
import { parseAuthChallenge } from '../core/images/www-authenticate.js';
import { nodeHttpTransport, type HttpResponse, type HttpTransport } from './http-transport.js';

/** Node's codes for a certificate chain it will not trust (as opposed to a host it cannot reach). */
const UNTRUSTED_CERTIFICATE = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_(HAS_EXPIRED|NOT_YET_VALID|UNTRUSTED|REJECTED)|ERR_TLS_CERT_ALTNAME_INVALID)$/;

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface RegistryClientOptions {
  /** host[:port] as in an image reference. Docker Hub's index.docker.io is mapped to its API host. */
  registry: string;
  credentials?: RegistryCredentials | undefined;
  /** Allow plain http for this (non-loopback) registry: `--insecure-registry`. */
  insecure?: boolean;
  /** Swappable for tests (e.g. to tamper with a blob on the way). */
  transport?: HttpTransport;
}

export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

export interface FetchedManifest {
  bytes: Buffer;
  mediaType: string;
  /** sha256 of the bytes, computed here rather than trusted from Docker-Content-Digest. */
  digest: string;
}

export class RegistryClient {
  readonly registry: string;
  readonly baseUrl: string;
  private readonly credentials: RegistryCredentials | undefined;
  private readonly transport: HttpTransport;
  /** The Authorization header that last worked, per repository, so one 401 round trip serves many requests. */
  private readonly authorization = new Map<string, string>();

  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    const apiHost = options.registry === 'index.docker.io' || options.registry === 'docker.io' ? 'registry-1.docker.io' : options.registry;
    const plain = options.insecure === true || isLoopbackRegistry(options.registry);
    this.baseUrl = `${plain ? 'http' : 'https'}://${apiHost}`;
    this.credentials = options.credentials;
    this.transport = options.transport ?? nodeHttpTransport;
  }

  /** The manifest at a tag or digest, or undefined when the registry has none there. */
  async getManifest(repository: string, reference: string, accept = MANIFEST_ACCEPT): Promise<FetchedManifest | undefined> {
    const response = await this.request(repository, 'GET', `/v2/${repository}/manifests/${reference}`, { headers: { accept } });
    if (response.status === 404) return undefined;
    await this.expectOk(response, `read the manifest ${repository}:${reference}`);
    const bytes = response.body;
    return { bytes, mediaType: response.headers.get('content-type') ?? '', digest: sha256(bytes) };
  }

  /** The digest a tag points at, from HEAD (cheap; counts no pull on Docker Hub), or undefined. */
  async headManifest(repository: string, reference: string): Promise<string | undefined> {
    const response = await this.request(repository, 'HEAD', `/v2/${repository}/manifests/${reference}`, { headers: { accept: MANIFEST_ACCEPT } });
    if (response.status === 404) return undefined;
    await this.expectOk(response, `look up ${repository}:${reference}`);
    return response.headers.get('docker-content-digest') ?? undefined;
  }

  async putManifest(repository: string, reference: string, bytes: Buffer, mediaType: string): Promise<string> {
    const response = await this.request(repository, 'PUT', `/v2/${repository}/manifests/${reference}`, { headers: { 'content-type': mediaType }, body: bytes });
    await this.expectOk(response, `write the manifest ${repository}:${reference}`);
    return sha256(bytes);
  }

  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const response = await this.request(repository, 'HEAD', `/v2/${repository}/blobs/${digest}`, {});
    if (response.status === 404) return false;
    await this.expectOk(response, `look up blob ${digest}`);
    return true;
  }

  /** A blob, checked against its digest; refuses anything larger than `maxBytes`. */
  async getBlob(repository: string, digest: string, maxBytes: number): Promise<Buffer | undefined> {
    const response = await this.request(repository, 'GET', `/v2/${repository}/blobs/${digest}`, {});
    if (response.status === 404) return undefined;
    await this.expectOk(response, `read blob ${digest}`);
    if (response.body.length > maxBytes) throw registryError('REGISTRY_ERROR', `blob ${digest} in ${repository} is ${response.body.length} bytes, more than the ${maxBytes} allowed`);
    return response.body;
  }

  /** Uploads a blob in one request (POST for a session, then PUT with the digest), unless it is there already. */
  async uploadBlob(repository: string, bytes: Buffer): Promise<string> {
    const digest = sha256(bytes);
    if (await this.hasBlob(repository, digest)) return digest;
    const started = await this.request(repository, 'POST', `/v2/${repository}/blobs/uploads/`, { headers: { 'content-length': '0' } });
    await this.expectOk(started, `start a blob upload to ${repository}`);
    const location = started.headers.get('location');
    if (location === null) throw registryError('REGISTRY_ERROR', `${this.registry} started an upload without a Location header`);
    const url = new URL(location, this.baseUrl);
    url.searchParams.set('digest', digest);
    const done = await this.request(repository, 'PUT', url.toString(), { headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    await this.expectOk(done, `upload blob ${digest} to ${repository}`);
    return digest;
  }

  /** One request, answering the registry's auth challenge once when it sends one. */
  private async request(repository: string, method: string, pathOrUrl: string, init: { headers?: Record<string, string>; body?: Buffer }): Promise<HttpResponse> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const send = (authorization: string | undefined) => this.send(url, method, init, authorization);
    let response = await send(this.authorization.get(repository));
    if (response.status !== 401) return response;
    const authorization = await this.answerChallenge(response.headers.get('www-authenticate'), repository);
    if (authorization === undefined) return response;
    response = await send(authorization);
    if (response.status !== 401) this.authorization.set(repository, authorization);
    return response;
  }

  private async send(url: string, method: string, init: { headers?: Record<string, string>; body?: Buffer }, authorization: string | undefined): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...init.headers, ...(authorization === undefined ? {} : { authorization }) };
    try {
      return await this.transport(url, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) });
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      // The URL may be a token realm on another host: name the one that failed.
      const where = new URL(url).origin;
      if (UNTRUSTED_CERTIFICATE.test(why)) {
        throw new EdgeError({
          code: 'REGISTRY_CERTIFICATE_UNTRUSTED',
          message: `the TLS certificate of ${where} is not trusted (${why})`,
          hint: 'if your own CA signed it, point NODE_EXTRA_CA_CERTS at the CA\'s PEM file',
          cause: error,
        });
      }
      throw new EdgeError({
        code: 'REGISTRY_UNREACHABLE',
        message: `cannot reach the registry at ${where} (${why})`,
        hint: this.baseUrl.startsWith('https:') && !isLoopbackRegistry(this.registry)
          ? 'check the registry address; a registry without TLS needs --insecure-registry'
          : 'check that the registry is running and the address in module.json is right',
        cause: error,
      });
    }
  }

  private async answerChallenge(header: string | null, repository: string): Promise<string | undefined> {
    const challenge = parseAuthChallenge(header);
    const basic = this.credentials === undefined ? undefined : `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}`;
    if (challenge?.scheme === 'basic') return basic;
    if (challenge?.scheme !== 'bearer' || challenge.params['realm'] === undefined) return undefined;
    const tokenUrl = new URL(challenge.params['realm']);
    if (challenge.params['service'] !== undefined) tokenUrl.searchParams.set('service', challenge.params['service']);
    // Ask for push as well: the same token then serves the manifest and blob writes that follow.
    tokenUrl.searchParams.set('scope', challenge.params['scope'] ?? `repository:${repository}:pull,push`);
    const response = await this.send(tokenUrl.toString(), 'GET', { headers: basic === undefined ? {} : { authorization: basic } }, undefined);
    if (response.status < 200 || response.status > 299) {
      throw registryError('REGISTRY_AUTH_FAILED', `${this.registry} refused ${this.credentials === undefined ? 'anonymous access' : `the credentials of ${this.credentials.username}`} to ${repository} (token endpoint answered ${response.status})`);
    }
    let body: { token?: string; access_token?: string };
    try {
      body = JSON.parse(response.body.toString('utf8')) as { token?: string; access_token?: string };
    } catch {
      throw registryError('REGISTRY_AUTH_FAILED', `the token endpoint of ${this.registry} did not answer with JSON`);
    }
    const token = body.token ?? body.access_token;
    return token === undefined ? undefined : `Bearer ${token}`;
  }

  private async expectOk(response: HttpResponse, action: string): Promise<void> {
    if (response.status >= 200 && response.status <= 299) return;
    const text = response.body.toString('utf8').slice(0, 300).trim();
    if (response.status === 401 || response.status === 403) {
      throw registryError('REGISTRY_AUTH_FAILED', `${this.registry} refused to let us ${action} (HTTP ${response.status})${this.credentials === undefined ? ': no credentials were found for it' : ''}`);
    }
    throw registryError('REGISTRY_ERROR', `${this.registry} failed to ${action}: HTTP ${response.status}${text === '' ? '' : ` ${text}`}`);
  }
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function registryError(code: string, message: string): EdgeError {
  const hint = code === 'REGISTRY_AUTH_FAILED'
    ? 'set CONTAINER_REGISTRY_SERVER/USERNAME/PASSWORD in .env, or run `docker login <registry>`'
    : undefined;
  return new EdgeError({ code, message, ...(hint === undefined ? {} : { hint }) });
}
