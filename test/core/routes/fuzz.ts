/** Deterministic random inputs for the route fuzz tests: random token soups and mutated routes. */

/** mulberry32: a small seeded PRNG, so a failing input can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export const VALID_ROUTES = [
  'FROM /messages/* INTO $upstream',
  'SELECT * FROM /messages/modules/sensor/outputs/* WHERE $body.temperature > 25 INTO BrokeredEndpoint("/modules/filter/inputs/input1")',
  "FROM /messages/* WHERE NOT IS_DEFINED($connectionModuleId) AND (alert = 'yes' OR $body.a[0].b <> 'x') INTO $upstream",
  "FROM /twinChangeNotifications WHERE twin_change_includes(properties.desired.x) INTO $upstream",
  "FROM /messages/modules/a/outputs/o WHERE length(concat(a, 'b', \"c\")) * 2 - 1 >= 0x10 ?? false INTO BrokeredEndpoint('/modules/b/inputs/c')",
  "from /* where {$contentType} = 'application/json' and substring($body.s, 1, 2) = 'ab' into $upstream",
];

const PIECES = [
  'FROM', 'from', 'SELECT', '*', 'WHERE', 'INTO', '/', '/*', '*/', 'messages', 'modules', 'outputs', 'twinChangeNotifications',
  '$upstream', 'BrokeredEndpoint', '(', ')', '"', "'", '\\', '\\u00', '{', '}', '[', ']', '0', '-1', '1.5e', '0x', '.', ',',
  '=', '!=', '<>', '<', '<=', '>', '>=', '||', '??', '+', '-', '%', 'AND', 'OR', 'NOT', 'true', 'null', 'undefined',
  '$body.', '$body.a[', '$connectionDeviceId', 'length', 'concat', 'substring', 'twin_change_includes', 'x', ' ', '\n', '\t', '@', '#', 'é', '\u0000', '😀',
];

export function randomSoup(random: () => number): string {
  const count = Math.floor(random() * 24);
  let text = '';
  for (let i = 0; i < count; i++) text += PIECES[Math.floor(random() * PIECES.length)] ?? '';
  return text;
}

export function mutate(route: string, random: () => number): string {
  const chars = [...route];
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (chars.length + 1));
    const choice = random();
    const piece = PIECES[Math.floor(random() * PIECES.length)] ?? '';
    if (choice < 0.35) chars.splice(at, 1);
    else if (choice < 0.7) chars.splice(at, 0, piece);
    else chars.splice(at, 1, piece);
  }
  return chars.join('');
}
