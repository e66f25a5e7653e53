/**
 * The one shell program edgectl runs on a device to install the supervisor. It is fixed text: user
 * input only ever reaches it as positional arguments ("$1", "$2"…), quoted by quoteShellCommand, and
 * every value it writes into a file was checked in installInputs() first. POSIX sh (dash, busybox).
 *
 * Layout under the device user's home, so two users on one machine never share anything:
 *   ~/.local/share/edgectl/bin/edge-supervisor          launcher (exec node <bundle> "$@")
 *   ~/.local/share/edgectl/bin/edge-supervisor-service  the daemon with its flags (systemd ExecStart)
 *   ~/.local/share/edgectl/supervisor/<build>/…         one directory per build, never modified
 *   ~/.local/state/edgectl/                             pid file, log, socket, trust key, deployments
 */

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
export const BUNDLE_PATH_IN_BUILD = 'dist/src/supervisor/edge-supervisor.bundle.mjs';

export const REMOTE_INSTALLER = String.raw`set -eu
action=$1; shift
root="$HOME/.local/share/edgectl"
state="$HOME/.local/state/edgectl"
launcher="$root/bin/edge-supervisor"
service="$root/bin/edge-supervisor-service"
pidfile="$state/supervisor.pid"
unitdir="$HOME/.config/systemd/user"

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
running_pid() {
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
  mkdir -p "$root/bin" "$state"; chmod 700 "$state"
  bundle="$root/supervisor/$build/dist/src/supervisor/edge-supervisor.bundle.mjs"
  [ -f "$bundle" ] || { echo "build $build is not on the device" >&2; exit 66; }
  # The launcher: what "ssh device .local/share/edgectl/bin/edge-supervisor dial-stdio" runs. It
  # names the socket, so dial-stdio and the daemon agree without flags.
  printf '#!/bin/sh\n# Written by edgectl device install; rewritten on each install.\nexport EDGE_SUPERVISOR_SOCKET='"'"'%s'"'"'\nexec '"'"'%s'"'"' '"'"'%s'"'"' "$@"\n' "$state/supervisor.sock" "$node" "$bundle" > "$launcher.tmp.$$"
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
log-tail)
  echo "pid=$(running_pid || true)"
  tail -n 15 "$state/supervisor.log" 2>/dev/null || true
  ;;
*)
  echo "unknown action $action" >&2; exit 64;;
esac
`;

/** `sh -c <installer> edgectl-install <action> <args…>`: $0 names it in the device's error messages. */
export function installerArgv(action: 'probe' | 'upload' | 'trust-key' | 'activate' | 'log-tail', args: readonly string[] = []): string[] {
  return ['sh', '-c', REMOTE_INSTALLER, 'edgectl-install', action, ...args];
}
