/**
 * A small gate in front of the test registry that behaves like Docker Hub / ACR (a bearer-token
 * realm that wants basic credentials alice:s3cret) or like an htpasswd registry (basic only).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const BASIC = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;

export async function gate(upstream: string, mode: 'bearer' | 'basic'): Promise<{ host: string; close(): Promise<void>; tokenRequests: string[] }> {
  const tokenRequests: string[] = [];
  const server = createServer((req, res) => { void handle(req, res); });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const self = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url?.startsWith('/token')) {
      tokenRequests.push(req.url);
      if (req.headers.authorization !== BASIC) { res.writeHead(401).end(); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'tok-123' }));
      return;
    }
    const wanted = mode === 'bearer' ? 'Bearer tok-123' : BASIC;
    if (req.headers.authorization !== wanted) {
      const challenge = mode === 'bearer' ? `Bearer realm="http://${self}/token",service="gate",scope="repository:demo/app:pull,push"` : 'Basic realm="gate"';
      res.writeHead(401, { 'www-authenticate': challenge }).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string' && key !== 'authorization' && key !== 'host' && key !== 'content-length') headers[key] = value;
    const response = await fetch(`${upstream}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) });
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => { if (key !== 'content-length' && key !== 'transfer-encoding') out[key] = key === 'location' ? value.replace(new URL(upstream).host, self) : value; });
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenRequests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
