#!/usr/bin/env bash
# Benchmark (not a test): can a slow or hostile client take a service down? On a read model of N submissions
# (default 1,000,000), the three services run as packaged, with tokens signed by a throw-away key (no OIDC server).
# For each case, 32 normal clients (wrk) run the service's usual requests three times in one run: before, during
# and after the attack; their p50/p95 and errors are printed side by side with the attackers' outcome and
# /q/health/ready polled twice a second during the attack.
#   (a) bi-service: CONNECTIONS (default 1000) clients with a valid token each keep a POST open that announces
#       1,000 bytes of body and sends one; a client that is cut reconnects at once.
#   (b) bi-service: EXPORTERS (default 100) clients, each with its own token, read a CSV export at 10 KB/s.
#   (c) the catalog and the migrator: as (a).
#   bench/hostile-clients.sh [POSTS]   env: see bench/lib.sh; DURATION (default 20, seconds of each wrk round),
#   WARMUP (default 60, seconds of normal load before each case, so that JIT compilation is not counted as the
#   attack's cost), CONNECTIONS, EXPORTERS, CASES (default "a b c": which of the cases to run)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
ulimit -n "$(ulimit -Hn)" # every stalled client is a socket on both ends

POSTS="${1:-1000000}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-60}"
CASES="${CASES:-a b c}"
CONNECTIONS="${CONNECTIONS:-1000}"
EXPORTERS="${EXPORTERS:-100}"
TARGET="${RUN}_target"
create_databases "$TARGET"
generate_legacy "$POSTS"
./mvnw -B -q -DskipTests package -pl bi-service,metrics-catalog-service,migrator-service -am
full_load "$TARGET"

source .ci/dev-tokens.sh
PUBLIC_KEY=$(dev_keypair "$WORK")
TOKEN=$(dev_token "$WORK" superadmin)
for i in $(seq 1 "$EXPORTERS"); do dev_token "$WORK" superadmin '[]' "exporter-$i"; echo; done > "$WORK/exporters"

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; cleanup' EXIT
start() {
  start_packaged "$@"
  PIDS+=("$STARTED_PID")
}
start metrics-catalog-service 18083 metrics-catalog-service/target/quarkus-app/quarkus-run.jar \
  QUARKUS_DATASOURCE_READMODEL_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_READMODEL_USERNAME="$PGUSER"
start bi-service 18082 bi-service/target/quarkus-app/quarkus-run.jar \
  QUARKUS_REST_CLIENT_METRICS_CATALOG_URL=http://127.0.0.1:18083
start migrator-service 18081 migrator-service/target/quarkus-app/quarkus-run.jar \
  QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER" \
  MIGRATOR_DELTA_CRON=off MIGRATOR_AUDIT_CRON=off

TODAY=$(date -u +%F)
MONTH_AGO=$(date -u -d "$TODAY - 30 days" +%F)
YEAR_AGO=$(date -u -d "$TODAY - 365 days" +%F)
DAY_BEFORE=$(date -u -d "$TODAY - 1 day" +%F)
HOUR=$(date -u +%FT%H:00Z)
DAY_AGO=$(date -u -d "$(date -u +'%F %H:00') UTC - 24 hours" +%FT%H:00Z)
# rotate FILE PATH…: a wrk script that asks the paths in turn
rotate() {
  local file="$1"; shift
  { printf 'paths = {'; printf ' "%s",' "$@"; printf ' }\n'
    cat <<'LUA'
i = 0
request = function()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.2f ms, p95 %.2f ms\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.timeout + summary.errors.read,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
LUA
  } > "$file"
}
rotate "$WORK/bi.lua" "/api/v1/overview?from=$MONTH_AGO&to=$TODAY" "/api/v1/overview?from=$YEAR_AGO&to=$TODAY" \
  "/api/v1/timeseries?metric=submissions&granularity=day&from=$YEAR_AGO&to=$TODAY" \
  "/api/v1/timeseries?metric=submissions&granularity=hour&from=$DAY_AGO&to=$HOUR" \
  "/api/v1/submissions?measure=removed&from=$MONTH_AGO&to=$TODAY"
rotate "$WORK/catalog.lua" "/api/v1/metrics" "/api/v1/metrics/removal_rate" "/api/v1/metrics/removal_rate/versions/1"
rotate "$WORK/migrator.lua" "/api/v1/runs"

# Compiled once: a source launch would compile in each attacker's JVM, on the cores the measured service uses.
"$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/HostileClients.java
hostile() { "$JAVA_HOME/bin/java" -cp "$WORK/classes" HostileClients "$@"; }
# normal PORT LUA: 32 normal clients for DURATION seconds
normal() {
  wrk -t2 -c32 -d"${DURATION}s" -s "$WORK/$2" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1" | tail -1
}
# case TITLE PORT LUA ATTACK…: normal clients before, during and after the attack (run for DURATION + 15 s)
attack_case() {
  local title="$1" port="$2" lua="$3"; shift 3
  echo "=== $title"
  DURATION="$WARMUP" normal "$port" "$lua" > /dev/null
  echo "  normal clients, before:     $(normal "$port" "$lua")"
  hostile "$@" > "$WORK/attack.out" 2>&1 &
  local attacker=$!
  hostile health "$port" $((DURATION + 10)) > "$WORK/health.out" 2>&1 &
  local prober=$!
  sleep 5
  echo "  normal clients, during:     $(normal "$port" "$lua")"
  wait "$attacker" "$prober"
  echo "  attackers:                  $(cat "$WORK/attack.out")"
  echo "  during the attack,          $(cat "$WORK/health.out")"
  echo "  normal clients, after:      $(normal "$port" "$lua")"
}

ATTACK_SECONDS=$((DURATION + 15))
if [[ " $CASES " == *" a "* ]]; then
  attack_case "(a) bi-service, $CONNECTIONS stalled bodies" 18082 bi.lua \
    slow-bodies 18082 /api/v1/metrics/submissions/query "$TOKEN" "$CONNECTIONS" "$ATTACK_SECONDS"
fi
if [[ " $CASES " == *" b "* ]]; then
  EXPORT="/api/v1/submissions?measure=submitted&from=$DAY_BEFORE&to=$TODAY&format=csv"
  echo "== the export read slowly in (b): $(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18082$EXPORT" | wc -c) bytes"
  attack_case "(b) bi-service, $EXPORTERS exports read at 10 KB/s" 18082 bi.lua \
    slow-readers 18082 "$EXPORT" "$WORK/exporters" 10240 $((ATTACK_SECONDS + 60))
fi
if [[ " $CASES " == *" c "* ]]; then
  attack_case "(c) metrics-catalog-service, $CONNECTIONS stalled bodies" 18083 catalog.lua \
    slow-bodies 18083 /api/v1/metrics "$TOKEN" "$CONNECTIONS" "$ATTACK_SECONDS"
  attack_case "(c) migrator-service, $CONNECTIONS stalled bodies" 18081 migrator.lua \
    slow-bodies 18081 /api/v1/runs "$TOKEN" "$CONNECTIONS" "$ATTACK_SECONDS"
fi
