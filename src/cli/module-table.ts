/** The module table `status` prints and `deploy` redraws while it waits: like `iotedge list`, plus restarts. */
import type { ModuleStatus, RuntimeStatus } from '../protocol/supervisor-api.js';
import type { Style } from './style.js';

export function renderModuleTable(modules: readonly ModuleStatus[], style: Style): string {
  if (modules.length === 0) return style.dim('(no modules)');
  const colour: Record<RuntimeStatus, (text: string) => string> = {
    running: style.green, stopped: style.dim, backoff: style.yellow, unhealthy: style.yellow, failed: style.red, unknown: style.dim,
  };
  const rows = modules.map((m) => [m.name, m.runtimeStatus, m.description, String(m.restartCount), m.image]);
  const header = ['NAME', 'STATUS', 'DESCRIPTION', 'RESTARTS', 'IMAGE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], paint?: (text: string, column: number) => string): string =>
    cells.map((cell, i) => {
      const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0);
      return paint === undefined ? padded : paint(padded, i);
    }).join('  ').trimEnd();
  return [
    style.bold(line(header)),
    ...modules.map((m, index) => line(rows[index] ?? [], (text, column) => (column === 1 ? colour[m.runtimeStatus](text) : text))),
  ].join('\n');
}
