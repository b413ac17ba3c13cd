#!/usr/bin/env bash
# Stops exactly what run-local.sh started: the processes whose pids it wrote to .local/pids/*.pid (Keycloak and the
# three services), each with the processes it started in turn (Keycloak's JVM under kc.sh), politely first (SIGTERM,
# up to 30 s), then SIGKILL. A pid that now belongs to another program (the process ended and the pid was reused) is
# left alone. Whatever ports and databases run-local.sh was given, the pids it wrote are what this stops. Then the
# replication slots of the databases this checkout's run-local.sh made are dropped: a slot nobody consumes keeps the
# server's WAL (the next run-local.sh makes its databases, and their slot, anew).
# No `set -e`: one process that cannot be signalled must not keep the others running.
set -uo pipefail
cd "$(dirname "$0")"
PIDS=.local/pids

# ours PID: the process still runs a program from this directory (run-local.sh starts them by absolute paths)
ours() { grep -qaF "$(pwd)/" "/proc/$1/cmdline" 2>/dev/null; }
# target PID: what to signal: the process group run-local.sh's setsid made, while PID still leads it; else PID alone
target() {
  local stat pgrp
  stat=$(cat "/proc/$1/stat" 2>/dev/null) && read -r _ _ pgrp _ <<< "${stat##*) }"   # after the name: state, parent, group
  if [ "${pgrp:-}" = "$1" ]; then echo "-$1"; else echo "$1"; fi
}

shopt -s nullglob
stopping=()
for file in "$PIDS"/*.pid; do
  pid=$(cat "$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ours "$pid"; then
    echo "stopping $(basename "$file" .pid) (pid $pid)"
    group=$(target "$pid")
    kill -TERM -- "$group"
    stopping+=("$group:$file")
  else
    rm -f "$file"
  fi
done
for entry in "${stopping[@]}"; do
  group=${entry%%:*}; file=${entry#*:}
  for _ in $(seq 1 30); do kill -0 -- "$group" 2>/dev/null || break; sleep 1; done
  if kill -0 -- "$group" 2>/dev/null; then
    echo "pid ${group#-} did not stop within 30 s: killing it"
    kill -KILL -- "$group"
  fi
  rm -f "$file"
done
source .ci/env.sh
if postgres_up; then
  psql -d postgres -XAtq -v mark="created by run-local.sh in $(pwd)" <<'SQL'
SELECT 'dropped the replication slot ' || slot_name || ' of ' || database
FROM (SELECT slot_name, database, pg_drop_replication_slot(slot_name) FROM pg_replication_slots
      WHERE NOT active AND database IN (SELECT datname FROM pg_database
                                        WHERE shobj_description(oid, 'pg_database') = :'mark')) dropped;
SQL
fi
