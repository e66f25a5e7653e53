/** Compares dotted numeric versions ("v20.5.1", "20.10.24+dfsg1"): enough for minimum-version checks. */

export function parseVersion(text: string): number[] | undefined {
  const match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  if (match === null) return undefined;
  return [match[1], match[2], match[3]].map((part) => Number(part ?? 0));
}

/** True when `actual` is at least `minimum`; false when `actual` holds no version at all. */
export function isAtLeast(actual: string, minimum: string): boolean {
  const a = parseVersion(actual);
  const m = parseVersion(minimum);
  if (a === undefined || m === undefined) return false;
  for (let i = 0; i < 3; i++) {
    const left = a[i] ?? 0;
    const right = m[i] ?? 0;
    if (left !== right) return left > right;
  }
  return true;
}
