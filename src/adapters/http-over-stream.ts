/**
 * One HTTP/1.1 request over an already-open byte stream (the stdio of `edge-supervisor dial-stdio`
 * over ssh, or a unix socket): node's http client with the stream as its connection.
 */
import { request } from 'node:http';
import type { Duplex } from 'node:stream';

export interface StreamResponse {
  status: number;
  body: string;
}

export async function requestOverStream(stream: Duplex, options: { method: string; path: string; body?: string; timeoutMs?: number }): Promise<StreamResponse> {
  return new Promise<StreamResponse>((resolve, reject) => {
    const req = request({
      method: options.method,
      path: options.path,
      host: 'supervisor',
      createConnection: () => stream as never,
      headers: { connection: 'close', ...(options.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(options.body) }) },
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => { stream.destroy(); resolve({ status: res.statusCode ?? 0, body }); });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 0} ms`)));
    req.on('error', reject);
    stream.on('error', reject);
    req.end(options.body);
  });
}
