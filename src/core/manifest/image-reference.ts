/**
 * OCI image references by the distribution reference grammar (distribution/reference, the one
 * Docker and every registry client implement):
 *   reference := name [":" tag] ["@" digest];  name := [domain "/"] path-component ("/" path-component)*
 * plus the nested-edge form whose domain is `$upstream[:port]` (edgeAgent resolves it to the parent).
 */

export interface ImageReference {
  domain?: string;
  path: string;
  tag?: string;
  digest?: string;
}

export type ImageParseResult = { ok: true; reference: ImageReference } | { ok: false; reason: string };

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\]|\\$upstream)(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME_LENGTH = 255;

export function parseImageReference(text: string): ImageParseResult {
  if (text.length === 0) return { ok: false, reason: 'the image is empty' };
  if (/\s/.test(text)) return { ok: false, reason: 'an image reference cannot contain whitespace' };
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, reason: `"${digest}" is not a digest (algorithm:hex, e.g. sha256:<64 hex digits>)` };
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return { ok: false, reason: `"${tag}" is not a valid tag (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")` };
  }
  if (rest.length > MAX_NAME_LENGTH) return { ok: false, reason: `the repository name is longer than ${MAX_NAME_LENGTH} characters` };
  const parts = rest.split('/');
  let domain: string | undefined;
  const first = parts[0] ?? '';
  // As in Docker: the first component is a registry host when it has a "." or ":" or is localhost.
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('$') || /[A-Z]/.test(first))) {
    domain = first;
    parts.shift();
    if (!DOMAIN.test(domain)) return { ok: false, reason: `"${domain}" is not a valid registry host[:port]` };
  }
  for (const part of parts) {
    if (part.length === 0) return { ok: false, reason: 'the repository path has an empty component ("//" or a leading/trailing "/")' };
    if (!PATH_COMPONENT.test(part)) {
      const lower = part.toLowerCase();
      const why = lower !== part && PATH_COMPONENT.test(lower) ? 'repository names must be lowercase' : 'use lowercase letters, digits and single ".", "_", "__" or "-" separators';
      return { ok: false, reason: `"${part}" is not a valid repository component: ${why}` };
    }
  }
  return { ok: true, reference: { ...(domain === undefined ? {} : { domain }), path: parts.join('/'), ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) } };
}
