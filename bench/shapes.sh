#!/usr/bin/env bash
# Benchmark (not a test): the overview dashboard's view (GET /api/v1/dashboards/overview/view) in the shapes people
# ask for (issue 44), on a read model of N posts (default 1,000,000) over COMMUNITIES communities (default 50) and the
# generator's six years, with nothing kept (BI_KEPT_VALUES=0: every request computed in its own snapshot).
# Each shape: wrk, 32 connections, SHAPE_SECONDS (default 4) after one checked request; p50 and p95.
#   zones:    UTC, Europe/Berlin, America/New_York (whole hours, DST), Asia/Kolkata (+05:30)
#   windows:  7 days by day, 30 by day, 90 by day, 90 by week, 365 by week, 365 by month; the window ends tomorrow
#   compare:  previous, none
#   callers:  a superadmin, a manager of 1 community, a manager of 3
# Then, unless AB=0, the same shapes again with the every-hour and quarter-hour rollups (V20, V21) left out of
# read_model_rollups (the engine reads the declarations again within a minute): what they buy, in one run on one base.
# Then, unless ROWS=0, each shape once more, alone, with auto_explain logging its statements' plans (PG_LOG, default
# Debian's log of the cluster): the rows they read a request (bench/rows_read.py), and how many statements.
#   bench/shapes.sh [POSTS]     env: see bench/lib.sh; COMMUNITIES (50), SHAPE_SECONDS (4), AB (1), ROWS (1),
#                               WARMUP (60), PG_LOG
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

POSTS="${1:-1000000}"
COMMUNITIES="${COMMUNITIES:-50}"
SHAPE_SECONDS="${SHAPE_SECONDS:-4}"
TARGET="${RUN}_target"
create_databases "$TARGET"
generate_legacy "$POSTS"
spread_communities "$COMMUNITIES"
./mvnw -B -q -DskipTests package -pl bi-service,metrics-catalog-service -am
full_load "$TARGET"
psql -d "$TARGET" -qc "VACUUM ANALYZE"
echo "== every-hour and quarter-hour rollups (V20, V21) at $POSTS posts"
for table in mv_hourly_total_rollup mv_quarter_hourly_total_rollup mv_quarter_hourly_by_community_rollup \
    mv_hourly_rollup mv_daily_rollup mv_submission_facts; do
  echo "  $table: $(psql -d "$TARGET" -tAc "SELECT count(*) || ' rows, ' ||
    pg_size_pretty(pg_total_relation_size('$table')) || ' with indexes' FROM $table")"
done

dashboard_callers "$TARGET"

PG_LOG="${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}"
EXPLAINED="auto_explain.log_min_duration auto_explain.log_analyze auto_explain.log_timing auto_explain.log_format"
# explain on|off: auto_explain logs every statement of the services' sessions (loaded in them by the database's
# session_preload_libraries), or nothing.
explain() {
  local setting statements=()
  # ALTER SYSTEM runs outside a transaction: one -c each.
  for setting in $EXPLAINED; do statements+=(-c "ALTER SYSTEM RESET $setting"); done
  if [ "$1" = on ]; then
    statements+=(-c "ALTER SYSTEM SET auto_explain.log_min_duration = 0" -c "ALTER SYSTEM SET auto_explain.log_analyze = on"
      -c "ALTER SYSTEM SET auto_explain.log_timing = off" -c "ALTER SYSTEM SET auto_explain.log_format = json")
  fi
  psql -d "$TARGET" -q "${statements[@]}" -c "SELECT pg_reload_conf()" > /dev/null
}
if [ "${ROWS:-1}" = 1 ]; then
  psql -d "$TARGET" -qc "ALTER DATABASE $TARGET SET session_preload_libraries = 'auto_explain'"
fi

BI= CATALOG=
trap 'kill $BI $CATALOG 2>/dev/null || true; [ "${ROWS:-1}" = 1 ] && explain off; cleanup' EXIT
start_packaged catalog 18083 metrics-catalog-service/target/quarkus-app/quarkus-run.jar \
  QUARKUS_DATASOURCE_READMODEL_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_READMODEL_USERNAME="$PGUSER"
CATALOG=$STARTED_PID
start_packaged bi 18082 bi-service/target/quarkus-app/quarkus-run.jar BI_KEPT_VALUES=0 \
  QUARKUS_REST_CLIENT_METRICS_CATALOG_URL=http://127.0.0.1:18083
BI=$STARTED_PID

cat > "$WORK/percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("%d %d %.1f %.1f\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
LUA

ZONES=(UTC Europe/Berlin America/New_York Asia/Kolkata)
WINDOWS=("7 day" "30 day" "90 day" "90 week" "365 week" "365 month")

# shapes LABEL: every shape once; a line each: label, zone, days, grain, compare, caller, requests, errors, p50, p95;
# for the label "rows", each shape's one request alone: label, zone, days, grain, compare, caller, statements, rows
shapes() {
  local zone window days grain compare who p result status offset
  for zone in "${ZONES[@]}"; do
    for window in "${WINDOWS[@]}"; do
      read -r days grain <<< "$window"
      for compare in previous none; do
        for who in superadmin manager-1 manager-3; do
          p=$(overview_view "$zone" "$days" "$grain" "$compare")
          offset=$(stat -c %s "$PG_LOG" 2>/dev/null || echo 0)
          status=$(curl -s -o "$WORK/answer" -w '%{http_code}' -H "Authorization: Bearer ${TOKENS[$who]}" \
            "http://127.0.0.1:18082$p")
          if [ "$status" != 200 ]; then
            echo "request failed ($status): $p as $who"; head -c 600 "$WORK/answer"; echo; exit 1
          fi
          if [ "$1" = rows ]; then
            sleep 0.2
            echo "$1 $zone $days $grain $compare $who $(tail -c +$((offset + 1)) "$PG_LOG" | python3 bench/rows_read.py)"
            continue
          fi
          result=$(wrk -t2 -c32 -d"${SHAPE_SECONDS}s" -s "$WORK/percentiles.lua" \
            -H "Authorization: Bearer ${TOKENS[$who]}" "http://127.0.0.1:18082$p" | tail -1)
          echo "$1 $zone $days $grain $compare $who $result"
        done
      done
    done
  done
}

# Warm-up, not measured: every shape for about WARMUP seconds in all.
echo "== warm-up"
SHAPE_SECONDS=$(( ${WARMUP:-60} / 144 + 1 )) shapes warm-up > /dev/null
echo "== label zone days grain compare caller requests errors p50_ms p95_ms"
shapes with | tee "$WORK/with"
if [ "${AB:-1}" = 1 ]; then
  FINE="'hourly_total', 'quarter_hourly_total', 'quarter_hourly_by_community'"
  psql -d "$TARGET" -qc "CREATE TABLE kept_declarations AS SELECT * FROM read_model_rollups WHERE name IN ($FINE);
    DELETE FROM read_model_rollups WHERE name IN ($FINE)"
  # The engine reads the declarations again once they are a minute old.
  sleep 65
  shapes without | tee "$WORK/without"
  psql -d "$TARGET" -qc "INSERT INTO read_model_rollups SELECT * FROM kept_declarations"
  sleep 65
fi
if [ "${ROWS:-1}" = 1 ]; then
  echo "== label zone days grain compare caller statements rows_read (one request alone, auto_explain)"
  explain on
  shapes rows | tee "$WORK/rows"
  explain off
fi
echo "== summary: shapes answered without an error and with p95 under 50 ms, of all; shapes with errors; the slowest p95"
for label in with without; do
  [ -s "$WORK/$label" ] || continue
  # A shape whose requests failed (503 query_timeout under load) has no latency of its own: it is a failure.
  awk -v label="$label" '{ n++; if ($8 > 0) failed++; else if ($10 < 50) ok++
      if ($8 == 0 && $10 > worst) { worst = $10; shape = $2 " " $3 " " $4 " " $5 " " $6 } }
    END { printf "  %s: %d of %d under 50 ms; %d with errors; slowest p95 answered %.1f ms (%s)\n", label, ok, n,
      failed, worst, shape }' "$WORK/$label"
done
echo "== table (markdown): each shape's p50 / p95, the same without V20's and V21's rollups, rows read a request"
echo "| zone | days by | compare | caller | p50 / p95 ms | without V20, V21 | rows read (statements) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
touch "$WORK/without" "$WORK/rows"
awk 'function cell(requests, errors, p50, p95) {
       return errors > 0 ? p50 " / " p95 " (" errors " of " requests " failed)" : p50 " / " p95 }
     FILENAME ~ /rows$/ { rows[$2 " " $3 " " $4 " " $5 " " $6] = $8 " (" $7 ")"; next }
     FILENAME ~ /without$/ { without[$2 " " $3 " " $4 " " $5 " " $6] = cell($7, $8, $9, $10); next }
     { key = $2 " " $3 " " $4 " " $5 " " $6
       printf "| %s | %s %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, cell($7, $8, $9, $10),
         (key in without) ? without[key] : "-", (key in rows) ? rows[key] : "-" }' \
  "$WORK/rows" "$WORK/without" "$WORK/with"
