/** Image references: valid by the OCI grammar, and pinned (":latest" or no tag is not reproducible). */
import { appendPointer } from '../../json/json-pointer.js';
import { isObject } from '../../json/json-value.js';
import { error, warning, type Finding } from '../finding.js';
import { parseImageReference } from '../image-reference.js';
import { hasPlaceholder } from '../placeholders.js';
import type { Rule } from './rule-context.js';

export const imageReferences: Rule = ({ model }) => {
  const findings: Finding[] = [];
  for (const m of model.modules) {
    const settings = m.definition['settings'];
    if (!isObject(settings) || typeof settings['image'] !== 'string') continue;
    const image = settings['image'];
    const pointer = appendPointer(appendPointer(m.pointer, 'settings'), 'image');
    // Placeholders are checked by their own rule; the image is judged after expansion.
    if (hasPlaceholder(image)) continue;
    const parsed = parseImageReference(image);
    if (!parsed.ok) {
      findings.push(error('IMAGE_REFERENCE_INVALID', pointer, `image "${image}" is not a valid reference: ${parsed.reason}`, { hint: 'the form is [registry[:port]/]repository[:tag][@sha256:digest]' }));
      continue;
    }
    const { tag, digest } = parsed.reference;
    if (digest !== undefined) continue;
    if (tag === undefined) {
      findings.push(warning('IMAGE_UNTAGGED', pointer, `image "${image}" has no tag, so it means ":latest"`, { hint: 'pin a version tag (or a digest) so every device runs the same image' }));
    } else if (tag === 'latest') {
      findings.push(warning('IMAGE_TAG_LATEST', pointer, `image "${image}" uses ":latest"; devices keep whatever they pulled first and an update is not re-pulled`, { hint: 'pin a version tag, or bump the module "version" to force a re-pull' }));
    }
  }
  return findings;
};
