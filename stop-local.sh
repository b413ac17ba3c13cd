#!/usr/bin/env bash
# Stops exactly what run-local.sh started: the processes whose pids it wrote to .local/pids/*.pid (Keycloak and the
# three services), politely first (SIGTERM, up to 30 s), then SIGKILL. A pid that now belongs to another program
# (the process ended and the pid was reused) is left alone.
set -uo pipefail
cd "$(dirname "$0")"
PIDS=.local/pids

# ours PID: the process still runs a program from this directory (run-local.sh starts them by absolute paths)
ours() { grep -qaF "$(pwd)/" "/proc/$1/cmdline" 2>/dev/null; }

shopt -s nullglob
stopping=()
for file in "$PIDS"/*.pid; do
  pid=$(cat "$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ours "$pid"; then
    echo "stopping $(basename "$file" .pid) (pid $pid)"
    kill -TERM "$pid"
    stopping+=("$pid:$file")
  else
    rm -f "$file"
  fi
done
for entry in "${stopping[@]}"; do
  pid=${entry%%:*}; file=${entry#*:}
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "pid $pid did not stop within 30 s: killing it"
    kill -KILL "$pid"
  fi
  rm -f "$file"
done
