/**
 * Azure's platform names and what Docker calls them. Docker reports the engine's architecture as
 * Go's GOARCH (amd64, arm64, arm), and takes `linux/<arch>[/<variant>]` for cross builds.
 */

export const PLATFORMS = ['amd64', 'arm64v8', 'arm32v7'] as const;
export type Platform = (typeof PLATFORMS)[number];

const DOCKER_PLATFORM: Record<Platform, { arch: string; dockerPlatform: string }> = {
  amd64: { arch: 'amd64', dockerPlatform: 'linux/amd64' },
  arm64v8: { arch: 'arm64', dockerPlatform: 'linux/arm64' },
  arm32v7: { arch: 'arm', dockerPlatform: 'linux/arm/v7' },
};

export function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

export function dockerPlatform(platform: Platform): string {
  return DOCKER_PLATFORM[platform].dockerPlatform;
}

/** The Azure platform name of an engine architecture (`docker version` Arch), if it is one we build. */
export function platformOfEngine(arch: string): Platform | undefined {
  const normalized = arch === 'x86_64' ? 'amd64' : arch === 'aarch64' ? 'arm64' : arch;
  return PLATFORMS.find((p) => DOCKER_PLATFORM[p].arch === normalized);
}

/** Node's name for a CPU (`process.arch`) in Docker's (Go's) terms; undefined for one we do not build for. */
export function dockerArchOfNode(nodeArch: string): string | undefined {
  return ({ x64: 'amd64', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[nodeArch];
}
