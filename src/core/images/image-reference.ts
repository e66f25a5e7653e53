/**
 * Image references as Docker and go-containerregistry read them: `[registry/]repo[:tag][@digest]`.
 * A first path component without a dot, a colon or `localhost` is a Docker Hub name, normalized
 * the way cosign writes it in signatures (`index.docker.io/library/alpine`).
 */
import { usageError } from '../errors.js';

export const DOCKER_HUB_REGISTRY = 'index.docker.io';

export interface ImageReference {
  /** host[:port] as written, or index.docker.io for Docker Hub names. */
  registry: string;
  /** Path inside the registry, e.g. `library/alpine`, `demo/filter`. */
  repository: string;
  tag?: string;
  /** `sha256:<64 hex>` when the reference pins a digest. */
  digest?: string;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export function parseImageReference(text: string): ImageReference {
  const invalid = (why: string) => usageError('IMAGE_REFERENCE_INVALID', `"${text}" is not an image reference: ${why}`, 'write it as registry/repository[:tag][@sha256:digest], e.g. localhost:5000/filter:0.0.1-amd64');
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw invalid('the digest must be sha256: and 64 lower-case hex digits');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(`"${tag}" is not a valid tag`);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  let registry = DOCKER_HUB_REGISTRY;
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first === 'docker.io' || first === 'registry-1.docker.io' ? DOCKER_HUB_REGISTRY : first;
    parts.shift();
  }
  if (registry === DOCKER_HUB_REGISTRY && parts.length === 1) parts.unshift('library');
  if (parts.length === 0 || !parts.every((part) => PATH_COMPONENT.test(part))) {
    throw invalid('repository names are lower-case letters, digits and separators (. _ -), split by /');
  }
  return { registry, repository: parts.join('/'), ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/** `registry/repository`: the name cosign puts in a signature's docker-reference. */
export function repositoryName(reference: ImageReference): string {
  return `${reference.registry}/${reference.repository}`;
}

export function formatImageReference(reference: ImageReference): string {
  return `${repositoryName(reference)}${reference.tag === undefined ? '' : `:${reference.tag}`}${reference.digest === undefined ? '' : `@${reference.digest}`}`;
}

/** Registries on this machine speak plain http without asking, as Docker's daemon allows. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : registry.split(':')[0] ?? '';
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
