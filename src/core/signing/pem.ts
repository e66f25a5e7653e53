/** PEM blocks as Go's encoding/pem writes them: 64-character base64 lines, trailing newline. */

export interface PemBlock {
  label: string;
  der: Buffer;
}

export function encodePem(label: string, der: Buffer): string {
  const body = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${body.join('\n')}${body.length > 0 ? '\n' : ''}-----END ${label}-----\n`;
}

/** The first PEM block in `text`, or undefined when there is none. */
export function decodePem(text: string): PemBlock | undefined {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (match === null) return undefined;
  const body = (match[2] ?? '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  return { label: match[1] ?? '', der: Buffer.from(body, 'base64') };
}
