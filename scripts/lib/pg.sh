# shellcheck shell=bash
# Private PostgreSQL clusters for development and tests. Source it; do not execute it.
#
#   pg_ensure_binaries             finds the server binaries (PG_BINDIR); installs the Debian
#                                  package `postgresql` when missing and running as root
#   pg_private_start DIR [DBNAME]  initdb DIR on first use (reuses it afterwards), starts the
#                                  server on a free 127.0.0.1 port with its unix socket in DIR,
#                                  writes the port to DIR/port, creates DBNAME (default
#                                  $PG_DBNAME or "kamdesk") if missing and exports
#                                  DATABASE_URL=postgres://postgres@127.0.0.1:PORT/DBNAME.
#                                  If the cluster is already running it is reused.
#                                  Also sets PG_PRIVATE_PORT, and PG_PRIVATE_STARTED=1 when
#                                  this call started the server (0 when it was running).
#   pg_private_stop DIR            fast, clean shutdown (immediate if fast fails); no-op
#                                  when not running; clears leftovers of a killed server
#   pg_private_status DIR          0 = running and accepting connections
#
# Layout of DIR: data/ (PGDATA), port, server.log, initdb.log, .s.PGSQL.PORT (socket).
# As root the cluster belongs to, and runs as, the `postgres` system user (initdb refuses
# root); otherwise it runs as the current user. Authentication is `trust` and the server
# listens on 127.0.0.1 only. Port 5432 is never used.
#
# Knobs (environment):
#   PG_BINDIR            server binaries (default: /usr/lib/postgresql/15/bin, else newest)
#   PG_SERVER_OPTS       extra postgres options for start, e.g. "-c fsync=off"
#   PG_INITDB_OPTS       extra initdb options, e.g. "--no-sync"
#   PG_START_TIMEOUT     seconds pg_ctl waits for start/stop (default 60)

if [[ -n "${_KD_PG_SH:-}" ]]; then
    return 0
fi
_KD_PG_SH=1

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_OS_USER=postgres

_pg_find_bindir() {
    local d best=''
    if [[ -n "${PG_BINDIR:-}" ]]; then
        [[ -x "$PG_BINDIR/initdb" && -x "$PG_BINDIR/pg_ctl" ]] && return 0
        kd_warn "PG_BINDIR=$PG_BINDIR has no initdb/pg_ctl; looking elsewhere"
    fi
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
        best=/usr/lib/postgresql/15/bin
    else
        while IFS= read -r d; do
            [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && best=$d
        done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
    fi
    if [[ -z "$best" ]] && command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null) && [[ -x "$d/initdb" ]] && best=$d
    fi
    if [[ -z "$best" ]] && command -v initdb >/dev/null 2>&1; then
        best=$(dirname "$(command -v initdb)")
    fi
    [[ -n "$best" ]] || return 1
    PG_BINDIR=$best
}

pg_ensure_binaries() {
    if _pg_find_bindir; then
        return 0
    fi
    kd_warn "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin)"
    if ! kd_is_root; then
        kd_error "install the Debian package 'postgresql' (PostgreSQL 15 on Debian 12):"
        kd_info "sudo apt-get update && sudo apt-get install -y postgresql"
        kd_info "or set PG_BINDIR to a directory holding initdb, pg_ctl, postgres and psql"
        exit 1
    fi
    kd_apt_install postgresql || kd_die "could not install the 'postgresql' package"
    _pg_find_bindir || kd_die "package 'postgresql' installed but initdb is still missing"
}

# Run a command as the cluster owner, from a directory that user can read. The start
# lock's descriptor is closed first so that the server does not inherit (and hold) it.
_PG_LOCKFD=''
_pg_as() {
    local dir=$1
    shift
    (
        if [[ -n "$_PG_LOCKFD" ]]; then
            exec {_PG_LOCKFD}>&-
        fi
        cd "$dir" || exit 1
        if kd_is_root; then
            exec runuser -u "$PG_OS_USER" -- "$@"
        else
            exec "$@"
        fi
    )
}

_pg_ensure_os_user() {
    kd_is_root || return 0
    id -u "$PG_OS_USER" >/dev/null 2>&1 && return 0
    kd_info "creating system user '$PG_OS_USER'"
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql \
        --shell /usr/sbin/nologin --comment "PostgreSQL administrator" "$PG_OS_USER" ||
        kd_die "could not create the '$PG_OS_USER' user"
}

# As root: make every ancestor of DIR traversable by the postgres user (o+x only).
_pg_make_reachable() {
    local dir=$1 p=''
    kd_is_root || return 0
    runuser -u "$PG_OS_USER" -- test -x "$dir" 2>/dev/null && return 0
    local -a parts
    IFS=/ read -r -a parts <<<"${dir#/}"
    local part
    for part in "${parts[@]}"; do
        p="$p/$part"
        if ! runuser -u "$PG_OS_USER" -- test -x "$p" 2>/dev/null; then
            kd_info "chmod o+x $p (so that the '$PG_OS_USER' user can reach $dir)"
            chmod o+x "$p" || return 1
        fi
    done
    runuser -u "$PG_OS_USER" -- test -x "$dir"
}

# Fields of DIR/data/postmaster.pid: line 1 pid, 4 port, 5 socket dir.
_pg_pidfile_field() {
    local dir=$1 n=$2
    [[ -r "$dir/data/postmaster.pid" ]] || return 1
    sed -n "${n}p" "$dir/data/postmaster.pid" 2>/dev/null
}

# Is PID a live (not defunct) process?
_pg_pid_alive() {
    local pid=$1 state
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ -r "/proc/$pid/stat" ]] || return 1
    state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ "$state" != Z && "$state" != X ]]
}

# pg_isready against the socket named in the pid file. Prints nothing.
# Returns pg_isready's code: 0 accepting, 1 rejecting (starting/stopping), 2 no answer,
# 3 no pid file / no attempt.
_pg_isready() {
    local dir=$1 port sock
    port=$(_pg_pidfile_field "$dir" 4) || return 3
    sock=$(_pg_pidfile_field "$dir" 5) || return 3
    [[ "$port" =~ ^[0-9]+$ && -n "$sock" ]] || return 3
    "$PG_BINDIR/pg_isready" -q -h "$sock" -p "$port" -U postgres -t 3 >/dev/null 2>&1
}

pg_private_status() {
    local dir=$1
    _pg_find_bindir || return 3
    _pg_isready "$dir"
}

# Remove the pid file and socket lock files of a server that is gone (killed, crashed).
# A postmaster that was killed may linger as a defunct process, and its pid may be
# reused: the pid file is stale when pg_isready gets no answer on its socket and the
# pid is not a live postgres server process.
_pg_clear_stale() {
    local dir=$1 pid port sock exe i
    [[ -e "$dir/data/postmaster.pid" ]] || return 0
    pid=$(_pg_pidfile_field "$dir" 1) || pid=''
    port=$(_pg_pidfile_field "$dir" 4) || port=''
    sock=$(_pg_pidfile_field "$dir" 5) || sock=''
    for i in $(seq 1 60); do
        _pg_isready "$dir" && return 0 # it is alive after all
        _pg_pid_alive "$pid" || break
        exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || exe=''
        case $exe in
        */postgres | */postgres\ \(deleted\)) ;; # a server starting up or shutting down
        *) break ;;                               # pid reused by something else
        esac
        # give children of a killed postmaster time to exit, or a starting one to finish
        ((i == 1)) && kd_info "waiting for the server process $pid in $dir to start or exit"
        sleep 0.5
    done
    if _pg_pid_alive "$pid" && [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == */postgres* ]]; then
        kd_error "server process $pid for $dir is alive but does not answer; see $dir/server.log"
        return 1
    fi
    kd_info "removing stale postmaster.pid (pid $pid is not a running server) in $dir/data"
    rm -f "$dir/data/postmaster.pid"
    if [[ -n "$sock" && -n "$port" ]]; then
        rm -f "$sock/.s.PGSQL.$port" "$sock/.s.PGSQL.$port.lock"
    fi
}

_pg_psql() {
    local port=$1 sock=$2
    shift 2
    PGCONNECT_TIMEOUT=10 "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" \
        -U postgres "$@"
}

_pg_ensure_database() {
    local port=$1 sock=$2 db=$3 exists
    exists=$(_pg_psql "$port" "$sock" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'") || return 1
    [[ "$exists" == 1 ]] && return 0
    kd_info "creating database $db"
    if ! _pg_psql "$port" "$sock" -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null 2>&1; then
        # maybe created concurrently by someone else
        exists=$(_pg_psql "$port" "$sock" -d postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = '$db'") || return 1
        [[ "$exists" == 1 ]] || {
            kd_error "could not create database $db"
            return 1
        }
    fi
}

pg_private_start() {
    local dir=${1:?usage: pg_private_start DIR [DBNAME]} db=${2:-${PG_DBNAME:-kamdesk}}
    [[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || kd_die "invalid database name: $db"
    pg_ensure_binaries
    _pg_ensure_os_user
    mkdir -p "$dir" || kd_die "cannot create $dir"
    dir=$(cd "$dir" && pwd -P)
    if kd_is_root; then
        chown "$PG_OS_USER:$PG_OS_USER" "$dir"
        chmod 700 "$dir"
        _pg_make_reachable "$dir" ||
            kd_die "the '$PG_OS_USER' user cannot reach $dir; use a directory outside /root"
    fi
    local sock=$dir
    if ((${#sock} + 18 > 107)); then
        kd_die "path too long for a unix socket (max ~90 characters): $dir"
    fi

    # One start at a time per cluster (two scripts starting the same DIR).
    exec {_PG_LOCKFD}>>"$dir/.start.lock"
    if command -v flock >/dev/null 2>&1; then
        flock -w 120 "$_PG_LOCKFD" || kd_die "timed out waiting for the lock on $dir"
    fi

    local rc=0
    _pg_private_start_locked "$dir" "$db" "$sock" || rc=$?
    exec {_PG_LOCKFD}>&-
    _PG_LOCKFD=''
    return "$rc"
}

_pg_private_start_locked() {
    local dir=$1 db=$2 sock=$3 port='' timeout=${PG_START_TIMEOUT:-60}
    PG_PRIVATE_STARTED=0

    # ---- initdb on first use
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        if [[ -e "$dir/data" ]]; then
            kd_warn "$dir/data is incomplete (interrupted initdb?): recreating it"
            rm -rf "$dir/data"
        fi
        kd_info "initdb $dir/data"
        local -a initdb_extra=()
        # shellcheck disable=SC2206 # word splitting of the options is intended
        [[ -n "${PG_INITDB_OPTS:-}" ]] && initdb_extra=(${PG_INITDB_OPTS})
        if ! _pg_as "$dir" "$PG_BINDIR/initdb" -D "$dir/data" -U postgres --auth=trust \
            -E UTF8 --locale=C.UTF-8 "${initdb_extra[@]}" >"$dir/initdb.log" 2>&1; then
            kd_error "initdb failed; last lines of $dir/initdb.log:"
            tail -n 20 "$dir/initdb.log" >&2
            rm -rf "$dir/data"
            return 1
        fi
    else
        local have want
        have=$(<"$dir/data/PG_VERSION")
        want=$("$PG_BINDIR/pg_ctl" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')
        if [[ "$have" != "$want" ]]; then
            kd_error "$dir/data was made by PostgreSQL $have but the binaries are $want ($PG_BINDIR)"
            kd_info "remove $dir to start afresh, or set PG_BINDIR to PostgreSQL $have"
            return 1
        fi
    fi

    # ---- reuse a running server
    if _pg_isready "$dir"; then
        port=$(_pg_pidfile_field "$dir" 4)
        kd_info "reusing the running server in $dir (port $port)"
    else
        _pg_clear_stale "$dir" || return 1
        if _pg_isready "$dir"; then
            port=$(_pg_pidfile_field "$dir" 4)
            kd_info "reusing the running server in $dir (port $port)"
        fi
    fi

    # ---- start
    if [[ -z "$port" ]]; then
        local attempt prev=''
        [[ -r "$dir/port" ]] && prev=$(<"$dir/port")
        for attempt in 1 2 3 4 5; do
            # prefer the previous port so that URLs stay the same between runs
            if ((attempt == 1)) && [[ "$prev" =~ ^[0-9]+$ && "$prev" != 5432 ]] &&
                kd_port_is_free "$prev"; then
                port=$prev
            else
                port=$(kd_free_port 127.0.0.1) || return 1
            fi
            local opts
            opts="-c listen_addresses=127.0.0.1 -p $port -k $(printf '%q' "$sock")"
            [[ -n "${PG_SERVER_OPTS:-}" ]] && opts="$opts $PG_SERVER_OPTS"
            kd_info "starting PostgreSQL on 127.0.0.1:$port (data: $dir/data, log: $dir/server.log)"
            local log_size
            log_size=$(stat -c %s "$dir/server.log" 2>/dev/null) || log_size=0
            if _pg_as "$dir" "$PG_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -s -w \
                -t "$timeout" -o "$opts" start >/dev/null; then
                # shellcheck disable=SC2034 # read by the caller
                PG_PRIVATE_STARTED=1
                break
            fi
            kd_warn "start attempt $attempt failed; from $dir/server.log:"
            tail -c +"$((log_size + 1))" "$dir/server.log" 2>/dev/null | tail -n 5 >&2 || true
            port=''
            # Only a port or lock clash (e.g. a concurrent run took the port) is worth a retry.
            if ! tail -c +"$((log_size + 1))" "$dir/server.log" 2>/dev/null |
                grep -qE 'could not bind|Address already in use|could not create any TCP/IP|lock file|shared memory block'; then
                break
            fi
            _pg_clear_stale "$dir" || return 1
            sleep 0.5
        done
        if [[ -z "$port" ]]; then
            kd_error "could not start PostgreSQL in $dir; see $dir/server.log"
            return 1
        fi
    fi

    printf '%s\n' "$port" >"$dir/port"
    _pg_ensure_database "$port" "$sock" "$db" || return 1
    # shellcheck disable=SC2034 # read by the caller
    PG_PRIVATE_PORT=$port
    export DATABASE_URL="postgres://postgres@127.0.0.1:$port/$db"
}

pg_private_stop() {
    local dir=${1:?usage: pg_private_stop DIR} pid timeout=${PG_START_TIMEOUT:-60}
    [[ -d "$dir" ]] || return 0
    dir=$(cd "$dir" && pwd -P)
    _pg_find_bindir || return 0
    [[ -e "$dir/data/postmaster.pid" ]] || return 0
    pid=$(_pg_pidfile_field "$dir" 1) || pid=''
    if ! _pg_isready "$dir" && ! _pg_pid_alive "$pid"; then
        _pg_clear_stale "$dir"
        return 0
    fi
    kd_info "stopping PostgreSQL in $dir"
    if _pg_as "$dir" "$PG_BINDIR/pg_ctl" -D "$dir/data" -s -w -t "$timeout" -m fast stop >/dev/null 2>&1; then
        return 0
    fi
    kd_warn "fast shutdown failed; trying immediate shutdown"
    if _pg_as "$dir" "$PG_BINDIR/pg_ctl" -D "$dir/data" -s -w -t "$timeout" -m immediate stop >/dev/null 2>&1; then
        return 0
    fi
    # pg_ctl gives up if the pid file names a defunct process
    _pg_clear_stale "$dir"
    ! _pg_isready "$dir"
}
