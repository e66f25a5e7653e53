/** module.json beyond its schema: the repository must be a valid image name once expanded. */
import { isObject } from '../json/json-value.js';
import { error, type Finding } from './finding.js';
import { parseImageReference } from './image-reference.js';
import { hasPlaceholder } from './placeholders.js';

export function moduleJsonRules(root: unknown): Finding[] {
  const image = isObject(root) ? root['image'] : undefined;
  if (!isObject(image)) return [];
  const findings: Finding[] = [];
  const repository = image['repository'];
  if (typeof repository === 'string' && !hasPlaceholder(repository)) {
    const parsed = parseImageReference(repository);
    if (!parsed.ok) findings.push(error('IMAGE_REFERENCE_INVALID', '/image/repository', `repository "${repository}" is not a valid image name: ${parsed.reason}`));
    else if (parsed.reference.tag !== undefined || parsed.reference.digest !== undefined) findings.push(error('IMAGE_REFERENCE_INVALID', '/image/repository', `repository "${repository}" must not carry a tag or digest; the tag comes from image.tag.version and the platform`));
  }
  const tag = isObject(image['tag']) ? image['tag'] : undefined;
  const version = tag?.['version'];
  if (typeof version === 'string' && !hasPlaceholder(version) && !/^[\w][\w.-]{0,100}$/.test(version)) {
    findings.push(error('IMAGE_REFERENCE_INVALID', '/image/tag/version', `version "${version}" cannot be part of an image tag (letters, digits, "_", "." and "-")`));
  }
  return findings;
}
