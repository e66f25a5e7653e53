/**
 * The registry client's HTTP: node:http/https with the whole body read, following redirects
 * (registries send blob downloads to a CDN) without carrying Authorization to another host.
 * Not fetch: undici's start-up costs a short-lived `edgectl sign`/`verify` (and the supervisor's
 * checks) more CPU than the requests themselves.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extraTrust } from './deferred-ca-certificates.js';

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

export type HttpTransport = (url: string, request: HttpRequest) => Promise<HttpResponse>;

const MAX_REDIRECTS = 5;

export const nodeHttpTransport: HttpTransport = async (url, request) => {
  let current = new URL(url);
  let headers = request.headers;
  for (let hop = 0; ; hop++) {
    const response = await once(current, { ...request, headers });
    const location = response.headers.get('location');
    const redirected = [301, 302, 303, 307, 308].includes(response.status) && location !== null;
    if (!redirected || hop >= MAX_REDIRECTS) return response;
    const next = new URL(location, current);
    if (next.host !== current.host) headers = Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== 'authorization'));
    current = next;
    // Only uploads get a 307/308 that must repeat the body; a GET or HEAD simply moves on.
    if (response.status === 303) request = { ...request, method: 'GET' };
  }
};

async function once(url: URL, request: HttpRequest): Promise<HttpResponse> {
  const tls = url.protocol === 'https:';
  const send = tls ? httpsRequest : httpRequest;
  const trust = tls ? await extraTrust() : {};
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, ...(request.body === undefined ? {} : { 'content-length': String(request.body.length) }) };
    const req = send(url, { method: request.method, headers, ...trust }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: headerReader(res.headers), body: Buffer.concat(chunks), url: url.toString() }));
    });
    req.once('error', reject);
    req.setTimeout(60_000, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.end(request.body);
  });
}

function headerReader(headers: IncomingHttpHeaders): HttpResponse['headers'] {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
