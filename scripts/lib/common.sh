# shellcheck shell=bash
# Shared helpers for the KAM Desk scripts. Source it; do not execute it.
#
#   KD_ROOT                        repository root (absolute, symlinks resolved)
#   kd_section / kd_info / kd_warn / kd_die   logging (to stderr)
#   kd_is_root                     true when running as uid 0
#   kd_port_is_free PORT [ADDR]    true when ADDR:PORT (default 127.0.0.1) can be bound
#   kd_free_port [ADDR]            prints a free TCP port (never 5432)
#   kd_load_env FILE               loads KEY=VALUE lines without overriding the environment
#   kd_apt_install PKG...          apt-get install as root, else explains and fails
#   kd_redact_url URL              URL with any password replaced by ***
#   kd_process_tree PID / kd_signal_tree SIG PID   a process and its descendants
#   kd_run_forwarding_signals CMD...  runs CMD, passes INT/TERM/HUP on to it, waits,
#                                  returns its exit status

if [[ -n "${_KD_COMMON_SH:-}" ]]; then
    return 0
fi
_KD_COMMON_SH=1

# shellcheck disable=SC2034 # used by the scripts that source this file
KD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"

# ---------------------------------------------------------------- logging

if [[ -t 2 && -z "${NO_COLOR:-}" ]]; then
    _KD_BOLD=$'\e[1m' _KD_BLUE=$'\e[1;34m' _KD_YELLOW=$'\e[1;33m' _KD_RED=$'\e[1;31m' _KD_RESET=$'\e[0m'
else
    _KD_BOLD='' _KD_BLUE='' _KD_YELLOW='' _KD_RED='' _KD_RESET=''
fi

kd_section() { printf '\n%s==> %s%s\n' "$_KD_BLUE" "$*" "$_KD_RESET" >&2; }
kd_info() { printf '    %s\n' "$*" >&2; }
kd_bold() { printf '%s%s%s\n' "$_KD_BOLD" "$*" "$_KD_RESET" >&2; }
kd_warn() { printf '%swarning:%s %s\n' "$_KD_YELLOW" "$_KD_RESET" "$*" >&2; }
kd_error() { printf '%serror:%s %s\n' "$_KD_RED" "$_KD_RESET" "$*" >&2; }
kd_die() {
    kd_error "$*"
    exit 1
}

kd_is_root() { [[ "$(id -u)" -eq 0 ]]; }

# ---------------------------------------------------------------- ports

# kd_port_is_free PORT [ADDR]: can a listening socket be bound to ADDR:PORT right now?
kd_port_is_free() {
    local port=$1 addr=${2:-127.0.0.1}
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$addr" "$port" <<'PY' 2>/dev/null
import socket, sys
addr, port = sys.argv[1], int(sys.argv[2])
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind((addr, port))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
        return
    fi
    # Fallback without python3: the port is taken if something accepts connections on it.
    local host=$addr
    [[ "$host" == 0.0.0.0 || "$host" == '::' ]] && host=127.0.0.1
    ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# kd_free_port [ADDR]: print a TCP port that is free on ADDR (default 127.0.0.1).
# Lets the kernel choose (bind to port 0); falls back to random tries in 20000-29999.
kd_free_port() {
    local addr=${1:-127.0.0.1} port i
    for i in 1 2 3 4 5 6 7 8 9 10; do
        port=''
        if command -v python3 >/dev/null 2>&1; then
            port=$(python3 - "$addr" <<'PY' 2>/dev/null
import socket, sys
addr = sys.argv[1]
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_STREAM)
s.bind((addr, 0))
print(s.getsockname()[1])
s.close()
PY
            ) || port=''
        fi
        if [[ -z "$port" ]]; then
            port=$((20000 + (RANDOM * 32768 + RANDOM) % 10000))
        fi
        if [[ "$port" != 5432 ]] && kd_port_is_free "$port" "$addr"; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    kd_error "could not find a free TCP port on $addr (tried $i times)"
    return 1
}

# ---------------------------------------------------------------- environment

# kd_load_env FILE: read KEY=VALUE lines (optionally prefixed by "export "; values may be
# single- or double-quoted) and export each KEY that is not already set. Comments and
# blank lines are skipped. Nothing is evaluated: no command or variable expansion.
kd_load_env() {
    local file=$1 line key value n=0
    [[ -f "$file" ]] || return 0
    while IFS= read -r line || [[ -n "$line" ]]; do
        line=${line%$'\r'}
        [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
        if [[ "$line" =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]]; then
            key=${BASH_REMATCH[2]}
            value=${BASH_REMATCH[3]}
            if [[ "$value" =~ ^\"(.*)\"[[:space:]]*$ || "$value" =~ ^\'(.*)\'[[:space:]]*$ ]]; then
                value=${BASH_REMATCH[1]}
            else
                # unquoted: drop a trailing " # comment" and trailing blanks
                value=${value%%[[:space:]]#*}
                value=${value%"${value##*[![:space:]]}"}
            fi
            if [[ -z "${!key+x}" ]]; then
                export "$key=$value"
                n=$((n + 1))
            fi
        else
            kd_warn "$file: ignoring line that is not KEY=VALUE: $line"
        fi
    done <"$file"
    kd_info "loaded $n variable(s) from $file (the environment takes precedence)"
}

kd_redact_url() {
    # postgres://user:secret@host/db -> postgres://user:***@host/db
    local url=$1
    if [[ "$url" =~ ^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*):[^@/]*@(.*)$ ]]; then
        printf '%s:***@%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    else
        printf '%s\n' "$url"
    fi
}

# ---------------------------------------------------------------- packages

# kd_apt_install PKG...: install Debian packages (as root), or explain what is missing.
kd_apt_install() {
    if ! kd_is_root; then
        kd_error "missing Debian package(s): $*"
        kd_info "install them, e.g.:  sudo apt-get update && sudo apt-get install -y $*"
        return 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        kd_error "missing package(s) $* and apt-get is not available; install them by hand"
        return 1
    fi
    kd_info "installing $* with apt-get (this may take a while)"
    # The lock timeout lets two runs that both need packages wait for each other.
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q </dev/null >&2 &&
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q \
            "$@" </dev/null >&2
}

# ---------------------------------------------------------------- processes

# kd_process_tree PID: print PID and all its descendants (from /proc, parents first).
kd_process_tree() {
    local root=$1 f line pid ppid rest p c
    local -A children=()
    for f in /proc/[0-9]*/stat; do
        { read -r line <"$f"; } 2>/dev/null || continue
        pid=${line%% *}
        rest=${line##*) }
        read -r _ ppid _ <<<"$rest"
        children[$ppid]+=" $pid"
    done
    local -a queue=("$root")
    while ((${#queue[@]})); do
        p=${queue[0]}
        queue=("${queue[@]:1}")
        printf '%s\n' "$p"
        for c in ${children[$p]:-}; do
            queue+=("$c")
        done
    done
}

# kd_signal_tree SIG PID: send SIG to PID and all its descendants.
kd_signal_tree() {
    local sig=$1 pid=$2
    local -a pids
    mapfile -t pids < <(kd_process_tree "$pid")
    kill -s "$sig" "${pids[@]}" 2>/dev/null || true
}

# True when this script's process group is the foreground group of its terminal: a
# Ctrl-C typed there was delivered by the kernel to the whole group, child included.
_kd_in_terminal_foreground() {
    local line rest pgrp tpgid
    { read -r line <"/proc/$$/stat"; } 2>/dev/null || return 1
    rest=${line##*) }
    # fields after "(comm) ": state ppid pgrp session tty_nr tpgid
    read -r _ _ pgrp _ _ tpgid _ <<<"$rest"
    [[ "$tpgid" =~ ^[0-9]+$ ]] && ((tpgid > 0 && tpgid == pgrp))
}

# kd_run_forwarding_signals CMD...: run CMD (with default SIGINT/SIGQUIT handling, in this
# script's process group) and wait for it, passing signals on:
#   - Ctrl-C at the terminal reaches CMD directly (same process group); it is not sent
#     again. A SIGINT from elsewhere is forwarded to CMD and its descendants.
#   - SIGTERM and SIGHUP are forwarded as SIGTERM to CMD and its descendants.
#   - A second signal sends SIGTERM, a third SIGKILL; KD_GRACE_SECONDS (default 30)
#     after the first one, whatever is left is killed.
# Returns CMD's exit status; KD_FWD_SIGNAL holds the first signal received, if any.
KD_FWD_SIGNAL=''
_KD_FWD_PID=''
_KD_FWD_COUNT=0

_KD_FWD_TRAPPED=0

_kd_forward() {
    local sig=$1 pid=$_KD_FWD_PID
    _KD_FWD_TRAPPED=1
    [[ -n "$pid" ]] || return 0
    _KD_FWD_COUNT=$((_KD_FWD_COUNT + 1))
    case $_KD_FWD_COUNT in
    1)
        KD_FWD_SIGNAL=$sig
        if [[ $sig == INT ]] && _kd_in_terminal_foreground; then
            kd_info "received SIGINT (Ctrl-C); waiting for process $pid to finish"
        else
            [[ $sig == HUP ]] && sig=TERM
            kd_info "received SIG$KD_FWD_SIGNAL; sending SIG$sig to process $pid"
            kd_signal_tree "$sig" "$pid"
        fi
        # watchdog: kill what is left after the grace period
        (
            n=$((${KD_GRACE_SECONDS:-30} * 10))
            while ((n > 0)) && kill -0 "$pid" 2>/dev/null; do
                sleep 0.1
                n=$((n - 1))
            done
            if kill -0 "$pid" 2>/dev/null; then
                printf 'process %s still running after %ss: sending SIGKILL\n' \
                    "$pid" "${KD_GRACE_SECONDS:-30}" >&2
                kd_signal_tree KILL "$pid"
            fi
        ) </dev/null &
        ;;
    2)
        kd_info "received SIG$sig again; sending SIGTERM to process $pid"
        kd_signal_tree TERM "$pid"
        ;;
    *)
        kd_info "received SIG$sig again; sending SIGKILL to process $pid"
        kd_signal_tree KILL "$pid"
        ;;
    esac
}

kd_run_forwarding_signals() {
    local rc=0 old_int old_term old_hup
    old_int=$(trap -p INT) old_term=$(trap -p TERM) old_hup=$(trap -p HUP)
    KD_FWD_SIGNAL='' _KD_FWD_COUNT=0
    trap '_kd_forward INT' INT
    trap '_kd_forward TERM' TERM
    trap '_kd_forward HUP' HUP
    # Without job control bash starts background commands with SIGINT/SIGQUIT ignored and
    # stdin from /dev/null: restore both, so that the command behaves as in the foreground.
    if env --default-signal=INT,QUIT true 2>/dev/null; then
        env --default-signal=INT,QUIT "$@" <&0 &
    else
        "$@" <&0 &
    fi
    _KD_FWD_PID=$!
    local status
    while :; do
        _KD_FWD_TRAPPED=0
        wait "$_KD_FWD_PID" 2>/dev/null && status=0 || status=$?
        # 127 (or junk): no such child any more; keep the status collected before
        if ((status >= 0 && status <= 255 && status != 127)); then
            rc=$status
        fi
        # A trapped signal makes wait return early (128 + signal) even though the
        # command may still run: wait again. Otherwise rc is the command's status.
        ((_KD_FWD_TRAPPED)) || break
    done
    _KD_FWD_PID=''
    trap - INT TERM HUP
    [[ -n "$old_int" ]] && eval "$old_int"
    [[ -n "$old_term" ]] && eval "$old_term"
    [[ -n "$old_hup" ]] && eval "$old_hup"
    return "$rc"
}
