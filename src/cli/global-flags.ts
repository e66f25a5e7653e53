/**
 * Flags that apply to every command. They are taken out of argv before commander sees it, so they
 * work in any position (`edgectl --json validate x` and `edgectl validate x --json` alike), which
 * commander's subcommand parsing would not allow.
 */

export interface GlobalFlags {
  json: boolean;
  debug: boolean;
  noColor: boolean;
  yes: boolean;
}

const names: Record<string, keyof GlobalFlags> = {
  '--json': 'json',
  '--debug': 'debug',
  '--no-color': 'noColor',
  '--yes': 'yes',
  '-y': 'yes',
};

export function extractGlobalFlags(argv: readonly string[]): { flags: GlobalFlags; rest: string[] } {
  const flags: GlobalFlags = { json: false, debug: false, noColor: false, yes: false };
  const rest: string[] = [];
  let afterDoubleDash = false;
  for (const arg of argv) {
    const key = afterDoubleDash ? undefined : names[arg];
    if (arg === '--') afterDoubleDash = true;
    if (key === undefined) rest.push(arg);
    else flags[key] = true;
  }
  return { flags, rest };
}
