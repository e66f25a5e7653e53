/**
 * The one shell program edgectl runs on a device to install the supervisor. It is fixed text: user
 * input only ever reaches it as positional arguments ("$1", "$2"…), quoted by quoteShellCommand, and
 * every value it writes into a file was checked in planInstall() first. POSIX sh (dash, busybox).
 * It is longer than a file should be because it is one program, read and reviewed as a whole.
 *
 * Layout under the device user's home, so two users on one machine never share anything:
 *   ~/.local/share/edgectl/bin/edge-supervisor          launcher (exec node <bundle> "$@")
 *   ~/.local/share/edgectl/bin/edge-supervisor-service  the daemon with its flags (systemd ExecStart)
 *   ~/.local/share/edgectl/supervisor/<build>/…         one directory per build, never modified
 *   ~/.local/state/edgectl/                             pid file, log, socket, trust key, deployments
 *   ~/.local/share/edgectl/container                    with --as-container: the container's name
 *
 * With --as-container the supervisor runs in a container named edge-supervisor-<uid> on a Node base
 * image, with the state directory and the build mounted at their own paths (so every path, the socket's
 * too, is the same inside and out) and the launcher runs `docker exec` instead of a local node.
 */

import { SUPERVISOR_DOCKER_ENV_ARGS, SUPERVISOR_ENV_EXPORTS, SUPERVISOR_NODE_FLAGS } from './supervisor-launch-profile.js';

export const INSTALL_ROOT = '.local/share/edgectl';
export const STATE_DIR = '.local/state/edgectl';
/** The remote command for the API bridge; relative to the home directory, where ssh starts. */
export const LAUNCHER = `${INSTALL_ROOT}/bin/edge-supervisor`;
/** Where `trust-key` puts the signing key, relative to STATE_DIR. */
export const TRUST_KEY_FILE = 'trust/signing-key.pem';
/** The supervisor's API socket, relative to the home directory (the installer writes it into the launcher). */
export const SUPERVISOR_SOCKET = `${STATE_DIR}/supervisor.sock`;
/**
 * Prints the absolute path of the supervisor socket, for the CLI to forward it (ssh needs an absolute
 * path; the device's $HOME is known only there). Fixed text, no arguments.
 */
export const SOCKET_PATH_ARGV = ['sh', '-c', `printf 'socket=%s\\n' "$HOME/${SUPERVISOR_SOCKET}"`] as const;
/** The image `--as-container` runs the supervisor on: Node 20, as the device's supervisor needs. */
export const SUPERVISOR_CONTAINER_IMAGE = 'node:20-bookworm-slim';
export const BUNDLE_PATH_IN_BUILD = 'dist/src/supervisor/edge-supervisor.bundle.mjs';

export const REMOTE_INSTALLER = String.raw`set -eu
action=$1; shift
root="$HOME/.local/share/edgectl"
state="$HOME/.local/state/edgectl"
launcher="$root/bin/edge-supervisor"
service="$root/bin/edge-supervisor-service"
pidfile="$state/supervisor.pid"
unitdir="$HOME/.config/systemd/user"
containerfile="$root/container"

find_node() {
  if command -v node >/dev/null 2>&1; then command -v node; return 0; fi
  for candidate in /usr/local/bin/node /usr/bin/node /opt/node/bin/node "$HOME/.local/bin/node"; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
has_systemd_user() {
  command -v systemctl >/dev/null 2>&1 && systemctl --user show-environment >/dev/null 2>&1
}
container_pid() {
  [ -f "$containerfile" ] || return 1
  pid=$(docker inspect -f '{{if .State.Running}}{{.State.Pid}}{{end}}' "$(cat "$containerfile")" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$pid" != 0 ] && echo "$pid"
}
running_pid() {
  if [ -f "$containerfile" ]; then container_pid; return; fi
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}
sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else "$(find_node)" -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$1"; fi
}
docker_version() {
  if command -v docker >/dev/null 2>&1; then docker version --format '{{.Server.Version}}' 2>&1 | head -n 1; return 0; fi
  node=$(find_node) || { echo "no docker CLI"; return 0; }
  "$node" -e 'const s=(process.env.DOCKER_HOST||"unix:///var/run/docker.sock").replace(/^unix:\/\//,"");require("http").get({socketPath:s,path:"/version"},(r)=>{let b="";r.on("data",(c)=>b+=c);r.on("end",()=>{try{console.log(JSON.parse(b).Version)}catch{console.log("bad answer")}})}).on("error",(e)=>console.log(e.code||e.message))'
}

case "$action" in
probe)
  node=$(find_node || true)
  echo "node=$node"
  if [ -n "$node" ]; then
    echo "nodeVersion=$("$node" -p process.versions.node 2>/dev/null || true)"
    echo "timeMs=$("$node" -p 'Date.now()' 2>/dev/null || true)"
  fi
  echo "docker=$(docker_version)"
  if has_systemd_user; then echo "systemd=user"; else echo "systemd=none"; fi
  echo "installed=$(cat "$root/installed-build" 2>/dev/null || true)"
  echo "container=$(cat "$containerfile" 2>/dev/null || true)"
  if command -v docker >/dev/null 2>&1; then echo "dockerCli=yes"; else echo "dockerCli=no"; fi
  echo "pid=$(running_pid || true)"
  echo "diskFreeKb=$(df -Pk "$HOME" | awk 'NR==2 {print $4}')"
  echo "time=$(date +%s)"
  echo "home=$HOME"
  echo "arch=$(uname -m)"
  ;;
upload)
  build=$1; sha=$2; version=$3
  dir="$root/supervisor/$build"
  mkdir -p "$dir/dist/src/supervisor"
  tmp="$dir/dist/src/supervisor/.upload.$$"
  cat > "$tmp"
  actual=$(sha256_of "$tmp")
  if [ "$actual" != "$sha" ]; then rm -f "$tmp"; echo "checksum mismatch: expected $sha, the device computed $actual" >&2; exit 65; fi
  printf '{"name":"edge-supervisor","version":"%s","type":"module"}\n' "$version" > "$dir/package.json"
  mv -f "$tmp" "$dir/dist/src/supervisor/edge-supervisor.bundle.mjs"
  echo "uploaded=$build"
  ;;
trust-key)
  mkdir -p "$state/trust"; chmod 700 "$state"
  (umask 077; cat > "$state/trust/.key.$$") && mv -f "$state/trust/.key.$$" "$state/trust/signing-key.pem"
  ;;
activate)
  # activate <build> <node> <run flags…>: the flags were checked by edgectl (safe characters only).
  build=$1; node=$2; shift 2
  case "$HOME$node" in *"'"*) echo "the home directory or node path holds a single quote" >&2; exit 64;; esac
  # Back from --as-container: the container goes, the modules (other containers) stay.
  if [ -f "$containerfile" ]; then docker rm -f "$(cat "$containerfile")" >/dev/null 2>&1 || true; rm -f "$containerfile"; fi
  mkdir -p "$root/bin" "$state"; chmod 700 "$state"
  bundle="$root/supervisor/$build/dist/src/supervisor/edge-supervisor.bundle.mjs"
  [ -f "$bundle" ] || { echo "build $build is not on the device" >&2; exit 66; }
  # The launcher: what "ssh device .local/share/edgectl/bin/edge-supervisor dial-stdio" runs. It
  # names the socket, so dial-stdio and the daemon agree without flags, and starts node with the
  # supervisor's launch profile (node flags, malloc settings: supervisor-launch-profile.ts).
  printf '#!/bin/sh\n# Written by edgectl device install; rewritten on each install.\nexport EDGE_SUPERVISOR_SOCKET='"'"'%s'"'"'\nexport ${SUPERVISOR_ENV_EXPORTS}\nexec '"'"'%s'"'"' ${SUPERVISOR_NODE_FLAGS.join(' ')} '"'"'%s'"'"' "$@"\n' "$state/supervisor.sock" "$node" "$bundle" > "$launcher.tmp.$$"
  # The service command: the daemon with this device's settings.
  { printf '#!/bin/sh\n# Written by edgectl device install: the supervisor daemon with its settings.\nexec '"'"'%s'"'"' run --state-dir '"'"'%s'"'"' --socket '"'"'%s'"'"'' "$launcher" "$state" "$state/supervisor.sock"
    for flag in "$@"; do printf " '%s'" "$flag"; done; printf '\n'; } > "$service.tmp.$$"
  chmod 755 "$launcher.tmp.$$" "$service.tmp.$$"
  same=0
  if cmp -s "$launcher.tmp.$$" "$launcher" 2>/dev/null && cmp -s "$service.tmp.$$" "$service" 2>/dev/null; then same=1; fi
  mv -f "$launcher.tmp.$$" "$launcher"
  mv -f "$service.tmp.$$" "$service"
  echo "$build" > "$root/installed-build"
  if has_systemd_user; then
    mkdir -p "$unitdir"
    printf '[Unit]\nDescription=edgectl edge supervisor\nAfter=default.target\n\n[Service]\nExecStart=%s\nRestart=always\nRestartSec=2\n# Only the supervisor: the modules are containers of the Docker Engine and keep running.\nKillMode=process\n\n[Install]\nWantedBy=default.target\n' "$service" > "$unitdir/edge-supervisor.service"
    systemctl --user daemon-reload
    systemctl --user enable edge-supervisor.service >/dev/null 2>&1 || true
    if [ "$same" = 1 ] && systemctl --user is-active --quiet edge-supervisor.service; then echo "changed=0"; else systemctl --user restart edge-supervisor.service; echo "changed=1"; fi
    echo "mode=systemd-user"
    echo "pid=$(systemctl --user show -p MainPID --value edge-supervisor.service)"
    exit 0
  fi
  old=$(running_pid || true)
  if [ "$same" = 1 ] && [ -n "$old" ]; then echo "changed=0"; echo "mode=background"; echo "pid=$old"; exit 0; fi
  if [ -n "$old" ]; then
    kill "$old" 2>/dev/null || true
    i=0; while kill -0 "$old" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    kill -9 "$old" 2>/dev/null || true
  fi
  # setsid: the supervisor leaves the ssh session's process group, so nothing of the session ends it.
  if command -v setsid >/dev/null 2>&1; then
    setsid "$service" >>"$state/supervisor.log" 2>&1 </dev/null &
  else
    nohup "$service" >>"$state/supervisor.log" 2>&1 </dev/null &
  fi
  echo $! > "$pidfile.tmp" && mv -f "$pidfile.tmp" "$pidfile"
  echo "changed=1"
  echo "mode=background"
  echo "pid=$!"
  ;;
activate-container)
  # activate-container <build> <image> <run flags…>: the flags were checked by edgectl (safe characters only).
  build=$1; image=$2; shift 2
  case "$HOME" in *"'"*) echo "the home directory holds a single quote" >&2; exit 64;; esac
  command -v docker >/dev/null 2>&1 || { echo "the docker CLI is not on the PATH of the device user" >&2; exit 69; }
  dockersock=$(env | sed -n 's#^DOCKER_HOST=unix://##p'); [ -n "$dockersock" ] || dockersock=/var/run/docker.sock
  [ -S "$dockersock" ] || { echo "no Docker Engine socket at $dockersock" >&2; exit 69; }
  mkdir -p "$root/bin" "$state"; chmod 700 "$state"
  builddir="$root/supervisor/$build"
  bundle="$builddir/dist/src/supervisor/edge-supervisor.bundle.mjs"
  [ -f "$bundle" ] || { echo "build $build is not on the device" >&2; exit 66; }
  uid=$(id -u); name="edge-supervisor-$uid"
  # The user owns the state directory; the Docker socket's group lets it speak to the engine.
  set -- run -d --name "$name" --restart unless-stopped --network host --user "$uid:$(stat -c %g "$dockersock")" \
    -v "$dockersock:/var/run/docker.sock" -v "$state:$state" -v "$builddir:$builddir:ro" \
    -e "HOME=$state" -e "EDGE_SUPERVISOR_SOCKET=$state/supervisor.sock" ${SUPERVISOR_DOCKER_ENV_ARGS} --label dev.edgectl.supervisor=container \
    "$image" node ${SUPERVISOR_NODE_FLAGS.join(' ')} "$bundle" run --state-dir "$state" --socket "$state/supervisor.sock" "$@"
  printf '%s\n' "$@" > "$root/bin/edge-supervisor-container.tmp.$$"
  printf '#!/bin/sh\n# Written by edgectl device install --as-container; rewritten on each install.\nexec docker exec -i '"'"'%s'"'"' node '"'"'%s'"'"' "$@"\n' "$name" "$bundle" > "$launcher.tmp.$$"
  chmod 755 "$launcher.tmp.$$"
  same=0
  if cmp -s "$root/bin/edge-supervisor-container.tmp.$$" "$root/bin/edge-supervisor-container" 2>/dev/null && [ -n "$(container_pid || true)" ]; then same=1; fi
  mv -f "$launcher.tmp.$$" "$launcher"
  mv -f "$root/bin/edge-supervisor-container.tmp.$$" "$root/bin/edge-supervisor-container"
  echo "$build" > "$root/installed-build"
  # From a supervisor on the host: stop it, the modules keep running. A systemd unit would start it
  # again (Restart=always) beside the container, both wanting the same socket: it goes too.
  old=$(cat "$pidfile" 2>/dev/null || true)
  if [ ! -f "$containerfile" ] && [ -n "$old" ] && kill -0 "$old" 2>/dev/null; then kill "$old" 2>/dev/null || true; fi
  rm -f "$pidfile"
  if [ -f "$unitdir/edge-supervisor.service" ] && has_systemd_user; then
    systemctl --user disable --now edge-supervisor.service >/dev/null 2>&1 || true
    rm -f "$unitdir/edge-supervisor.service"
    systemctl --user daemon-reload
  fi
  echo "$name" > "$containerfile"
  if [ "$same" = 1 ]; then echo "changed=0"; else
    docker rm -f "$name" >/dev/null 2>&1 || true
    docker "$@" >/dev/null
    echo "changed=1"
  fi
  echo "mode=container"
  echo "container=$name"
  echo "pid=$(container_pid || true)"
  ;;
log-tail)
  echo "pid=$(running_pid || true)"
  if [ -f "$containerfile" ]; then docker logs --tail 15 "$(cat "$containerfile")" 2>&1 || true
  else tail -n 15 "$state/supervisor.log" 2>/dev/null || true; fi
  ;;
*)
  echo "unknown action $action" >&2; exit 64;;
esac
`;

/** `sh -c <installer> edgectl-install <action> <args…>`: $0 names it in the device's error messages. */
export function installerArgv(action: 'probe' | 'upload' | 'trust-key' | 'activate' | 'activate-container' | 'log-tail', args: readonly string[] = []): string[] {
  return ['sh', '-c', REMOTE_INSTALLER, 'edgectl-install', action, ...args];
}
