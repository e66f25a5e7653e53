/**
 * How every edge-supervisor daemon starts: the node flags and the environment it runs under, in one
 * place for each launcher (the local device spawned by the CLI, the launcher script `device install`
 * writes, its container (`--as-container`), the tests' and benchmarks' supervisors). A daemon lives for months on a small device, so this profile trades a
 * little speed for a footprint that stays flat. Both halves must be in place before node starts:
 * glibc reads its tunables when the process starts, and V8 sizes its heap when it starts (flags set
 * later with v8.setFlagsFromString did not cap the young generation: it still grew to 8–16 MB).
 *
 * Measured on this project's hub benchmark (1 KB QoS 1 over TLS, Node 20, glibc 2.36, x86-64),
 * RSS of the hub process after 125,000 routed messages:
 *   node defaults                                                110–134 MB
 *   + --max-semi-space-size=1                                     88–114 MB  (young generation 32 → 2 MB)
 *   + MALLOC_ARENA_MAX=2, fixed mmap and trim thresholds          85–90 MB  (freed buffers go back to the OS)
 *   + --heap-growing-percent=30                                   77–80 MB  (old generation kept near its live size)
 * and inside a real supervisor with this profile 75–80 MB, flat (76.5–77.0 MB from 65,000 to 305,000
 * messages in one run), against 90–101 MB for the same supervisor without the last flag and 94–111 MB
 * as it was launched before (late setFlagsFromString, lite mode: 4,000–13,000 msg/s). --optimize-for-size saved as much
 * memory, but it also changes what the optimising compiler does; the growing factor is the one
 * knob behind the saving. Its price, measured on the real supervisor on a quiet machine (two runs
 * each): 44,000–51,000 msg/s and p99 6.1–7.7 ms at 20,000 msg/s, against 58,000 msg/s and p99
 * 4.2–4.9 ms without it (and 104 MB). Lite mode (no optimising compiler) would save another
 * 5 MB of the node binary's code pages at idle, but cut the hub to 11,000–13,000 msg/s with p99
 * near one second: it is not part of the profile.
 */

/** V8 flags, given on node's command line ahead of the entry script. */
export const SUPERVISOR_NODE_FLAGS: readonly string[] = [
  // The young generation grows to 3 × 16 MB under a burst of messages and V8 keeps it; 1 MB
  // semi-spaces cost more scavenges (each well under a millisecond) and keep it at 2 MB.
  '--max-semi-space-size=1',
  // Lets the old generation grow by 30 % over its live size before the next full collection (V8's
  // own factor when it optimises for memory; by default up to 4×), so dead message buffers, and the
  // malloc'd memory behind them, do not pile up between full collections.
  '--heap-growing-percent=30',
];

/**
 * glibc malloc tunables (ignored by musl, which returns memory by itself). Under load the hub frees
 * many TLS and message buffers at once after a full collection; with glibc's defaults the holes
 * they leave between live allocations stayed resident (23 MB of a 29 MB main arena was free), and
 * its dynamic mmap threshold climbs so that ever larger buffers land in that arena. A fixed 16 KB
 * mmap threshold gives big buffers back to the OS when freed; a 64 KB trim threshold returns the top
 * of the heap early; two arenas stop each V8 worker thread from keeping an arena of its own.
 */
export const SUPERVISOR_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '16384',
  MALLOC_TRIM_THRESHOLD_: '65536',
};

export interface SupervisorLaunch {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
}

/** argv and environment for `node <flags> <entry> <args>` with the profile applied. */
export function supervisorLaunch(nodePath: string, entry: string, args: readonly string[], env: Readonly<Record<string, string | undefined>>): SupervisorLaunch {
  return { command: nodePath, args: [...SUPERVISOR_NODE_FLAGS, entry, ...args], env: { ...env, ...SUPERVISOR_ENV } };
}

/** The environment as POSIX `export` arguments, for the launcher script (values are fixed, safe text). */
export const SUPERVISOR_ENV_EXPORTS = Object.entries(SUPERVISOR_ENV).map(([key, value]) => `${key}=${value}`).join(' ');

/** The same as `docker run` arguments, for the supervisor run as a container (`device install --as-container`). */
export const SUPERVISOR_DOCKER_ENV_ARGS = Object.entries(SUPERVISOR_ENV).map(([key, value]) => `-e ${key}=${value}`).join(' ');
