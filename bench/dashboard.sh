#!/usr/bin/env bash
# Benchmark (not a test): bi-service under load from wrk on loopback (32 connections) on a read model of N
# submissions (default 1,000,000), every number computed by the metric engine (metric-engine). Requests: the overview
# of 30 days and of a year, a year of daily submissions, the last 24 hours by hour, the first page of the submissions
# removed in the last 30 days (the drill-down of the 30-day "removed" KPI, with its total), the catalog ratio metric
# removal_rate over a year (POST /api/v1/metrics/removal_rate/query), and the overview dashboard's view over 30 days
# (GET /api/v1/dashboards/overview/view). The packaged metrics-catalog-service runs beside it on the same target
# database (its own schema "catalog", the read model read-only), and bi-service fetches definitions from it.
# KEPT_MODES (default "100000 0") measures the service keeping answers that hold at most that many values (bi.kept-values), then
# keeping none: every request computed in its own snapshot, what a request costs after the data it reads changed.
# Each mode measures the steady state: a warm-up under the same load lasts until the JIT compilers are nearly idle.
# Then, unless DELTAS=0, the share of requests answered from kept answers while a delta changes only today's data:
# all seven requests in turn under the same load for DELTAS × DELTA_INTERVAL, a `run delta` of the packaged migrator
# every DELTA_INTERVAL after new posts were submitted (and half of them removed) today in the legacy database; the
# share is read from bi-service's cache counters (/q/metrics, cache_gets_total{cache="answers"}).
# (Earlier versions ran the statements of OverviewQuery/TimeSeriesQuery under pgbench beside the service. Those classes
# are gone and the engine writes its own SQL; that comparison no longer reflects what runs, so it was dropped.)
#   bench/dashboard.sh [POSTS]        env: see bench/lib.sh; DURATION (default 20s), KEPT_MODES (default "100000 0"),
#                                     DELTAS (default 3), DELTA_INTERVAL (seconds, default 300), DELTA_POSTS (1000),
#                                     SHARE_KEPT (bi.kept-values while deltas run, default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
load_average() { uptime | sed 's/.*load average: //'; }
echo "load average at the start: $(load_average)"

POSTS="${1:-1000000}"
DURATION="${DURATION:-20s}"
DELTAS="${DELTAS:-3}"
DELTA_INTERVAL="${DELTA_INTERVAL:-300}"
DELTA_POSTS="${DELTA_POSTS:-1000}"
TARGET="${RUN}_target"
create_databases "$TARGET"
generate_legacy "$POSTS"
./mvnw -B -q -DskipTests package -pl bi-service,metrics-catalog-service -am
full_load "$TARGET"
echo "load average after the full load: $(load_average)"

# A throw-away signing key: both services check tokens against its public half (issuer "dev"), no OIDC server needed.
source .ci/dev-tokens.sh
PUBLIC_KEY=$(dev_keypair "$WORK")
TOKEN=$(dev_token "$WORK" superadmin)

BI= CATALOG=
trap 'kill $BI $CATALOG 2>/dev/null || true; cleanup' EXIT
# The catalog: its own schema in the target database (Flyway, built-ins seeded at start), the read model read-only.
start_packaged catalog 18083 metrics-catalog-service/target/quarkus-app/quarkus-run.jar \
  QUARKUS_DATASOURCE_READMODEL_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_READMODEL_USERNAME="$PGUSER"
CATALOG=$STARTED_PID
# start_service KEPT: bi-service on the loaded read model, keeping answers of at most KEPT values (0: none)
start_service() {
  start_packaged bi 18082 bi-service/target/quarkus-app/quarkus-run.jar BI_KEPT_VALUES="$1" \
    QUARKUS_REST_CLIENT_METRICS_CATALOG_URL=http://127.0.0.1:18083
  BI=$STARTED_PID
}

source bench/requests.sh

for KEPT in ${KEPT_MODES-100000 0}; do
  echo "=== bi-service keeping answers of at most $KEPT values (load average: $(load_average))"
  TOKEN=$(dev_token "$WORK" superadmin)   # tokens live an hour
  start_service "$KEPT"
  for request in "${REQUESTS[@]}"; do check "${request#*|}"; done
  warm_up
  echo "  load average after the warm-up: $(load_average)"
  MEASURE_LABEL="kept values $KEPT"
  for request in "${REQUESTS[@]}"; do measure "${request%%|*}" "${request#*|}"; done
  echo "  load average after the measurements: $(load_average)"
  kill "$BI"; wait "$BI" 2>/dev/null || true
done

[ "$DELTAS" -gt 0 ] || exit 0
# The share of requests answered from kept answers while deltas change only today's data.
# cache_counts: "hits misses" of the kept answers so far
cache_counts() {
  curl -sf http://127.0.0.1:18082/q/metrics | awk '
    /^cache_gets_total\{/ && /cache="answers"/ && /result="hit"/ { hit += $NF }
    /^cache_gets_total\{/ && /cache="answers"/ && /result="miss"/ { miss += $NF }
    END { printf "%d %d\n", hit, miss }'
}
# today_delta STEP: DELTA_POSTS new posts submitted now (copies of existing ones, new URLs), every other one removed
# now, then the packaged migrator's `run delta`; prints the run's line
today_delta() {
  psql -d "$LEGACY" -qc "INSERT INTO posts (community_id, submitted_by, url, platform, content_text, author_handle,
      posted_at, status, removed_at, categories, hashtags, analysis, extra, created_at, updated_at)
    SELECT community_id, submitted_by, url || '#today-$1-' || id, platform, content_text, author_handle,
      now() - interval '10 minutes', CASE WHEN id % 2 = 0 THEN 'removed' ELSE 'reported' END,
      CASE WHEN id % 2 = 0 THEN now() END, categories, hashtags, analysis, extra, now(), now()
    FROM posts WHERE id <= $POSTS ORDER BY id DESC LIMIT $DELTA_POSTS"
  migrator "$TARGET" run delta > "$WORK/today-$1.log" 2>&1 || { echo "delta failed"; tail -20 "$WORK/today-$1.log"; }
  psql -d "$TARGET" -tAc "SELECT '  run ' || id || ' (' || kind || ', ' || status || '): posts written ' || submissions_written
      || ', run start to end ' || round(extract(epoch FROM finished_at - started_at)::numeric, 1) || ' s'
      FROM migration_runs ORDER BY id DESC LIMIT 1"
}
KEPT=${SHARE_KEPT:-100000}
echo "=== kept answers while a delta changes only today's data: $DELTAS deltas, one every $DELTA_INTERVAL s ($DELTA_POSTS new posts each), bi-service keeping answers of at most $KEPT values (load average: $(load_average))"
TOKEN=$(dev_token "$WORK" superadmin)
start_service "$KEPT"
warm_up
read -r hits_before misses_before <<< "$(cache_counts)"
wrk -t2 -c32 -d$((DELTAS * DELTA_INTERVAL))s -s "$WORK/rotate.lua" -H "Authorization: Bearer $TOKEN" \
  http://127.0.0.1:18082 > "$WORK/share.wrk" &
LOAD=$!
share_start=$SECONDS
# The deltas half an interval in, then one interval apart.
for step in $(seq 1 "$DELTAS"); do
  wait_s=$(( share_start + (step - 1) * DELTA_INTERVAL + DELTA_INTERVAL / 2 - SECONDS ))
  (( wait_s <= 0 )) || sleep "$wait_s"
  echo "  load average before delta $step: $(load_average)"
  today_delta "$step"
done
wait "$LOAD"
read -r hits_after misses_after <<< "$(cache_counts)"
hits=$((hits_after - hits_before)) misses=$((misses_after - misses_before))
if (( hits + misses == 0 )); then
  echo "  no cache_gets_total{cache=\"answers\"} counts; the cache's lines in /q/metrics:"
  curl -sf http://127.0.0.1:18082/q/metrics | grep -i 'answers' | head -20
  exit 1
fi
echo "  requests (wrk): $(grep -E 'requests in' "$WORK/share.wrk" | sed 's/^ *//'); non-2xx: $(grep -oE 'Non-2xx or 3xx responses: [0-9]+' "$WORK/share.wrk" || echo none)"
echo "  kept answers: $hits hits, $misses misses: $(echo "scale=2; 100 * $hits / ($hits + $misses)" | bc) % of the cache's lookups answered from kept answers"
echo "load average at the end: $(load_average)"
