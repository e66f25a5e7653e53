#!/usr/bin/env bash
# From a fresh checkout to the demo running on this machine's embedded device, in one command:
# makes sure a Docker Engine runs (as root on Debian/Ubuntu it installs and starts docker.io),
# builds edgectl, makes sure the base image the templates build FROM exists, then runs
# `edgectl quickstart` with any arguments given here.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "quickstart.sh: $*" >&2; }

if ! docker info >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    say "no Docker Engine answers; start Docker (sudo systemctl start docker) and run this again"
    exit 1
  fi
  if ! command -v dockerd >/dev/null || ! command -v busybox >/dev/null; then
    say "installing Docker Engine (docker.io) and busybox-static from Debian's packages"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker.io busybox-static ca-certificates >/dev/null
  fi
  if ! docker info >/dev/null 2>&1; then
    say "starting dockerd (log: /var/log/edgectl-dockerd.log)"
    (dockerd >/var/log/edgectl-dockerd.log 2>&1 &)
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  fi
fi

say "building edgectl"
npm ci --no-audit --no-fund >/dev/null
npm run build >/dev/null

# The templates build FROM node:20-bookworm-slim. Where it is missing and cannot be pulled (an offline
# machine), the test harness assembles a stand-in from busybox and this machine's own Node.js.
# With Docker Hub at hand, `docker pull node:20-bookworm-slim` first gives the official image instead.
if ! docker image inspect node:20-bookworm-slim >/dev/null 2>&1; then
  say "node:20-bookworm-slim is not on this engine: building a local stand-in from this machine's Node.js"
  node dist/test/harness/global-setup.js
fi

exec ./bin/edgectl quickstart "$@"
