/**
 * `edge-supervisor dial-stdio`: stdin → socket, socket → stdout, like `docker system dial-stdio`.
 * Over ssh this makes the remote API a byte stream the CLI's HTTP client can speak through.
 * Half-closes are passed on, so a request can finish writing while the answer still streams back.
 */
import { connect } from 'node:net';

export function dialStdio(socketPath: string, stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect({ path: socketPath, allowHalfOpen: true });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      process.stderr.write(`edge-supervisor dial-stdio: cannot reach ${socketPath}: ${error.code ?? error.message}\n`);
      resolve(error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? 3 : 1);
    });
    socket.once('connect', () => {
      stdin.pipe(socket);
      socket.pipe(stdout);
      socket.once('end', () => resolve(0));
      socket.once('close', () => resolve(0));
    });
  });
}
