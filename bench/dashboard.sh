#!/usr/bin/env bash
# Benchmark (not a test): bi-service under load from wrk on loopback (32 connections) on a read model of N
# submissions (default 1,000,000), side by side with the same SQL run directly by pgbench (32 clients) in the
# same run. Endpoints: the overview of 30 days and of a year, a year of daily submissions, the last 24 hours by
# hour, and the first page of the submissions removed in the last 30 days (the drill-down of the 30-day "removed"
# KPI, with its total). The service keeps answers until the read model's version moves, so after the first request of
# each it measures kept answers; the pgbench column is what every request would cost without them.
# KEPT_MODES (default "10000 0") measures the service with kept answers, then with none (every request costs what
# the first one after a change costs), on the same read model.
# Measures the steady state: a warm-up under the same load lasts until the JIT compilers are nearly idle.
#   bench/dashboard.sh [POSTS]        env: see bench/lib.sh; DURATION (default 20s), KEPT_MODES (default "10000 0")
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

POSTS="${1:-1000000}"
DURATION="${DURATION:-20s}"
TARGET="${RUN}_target"
create_databases "$TARGET"
generate_legacy "$POSTS"
./mvnw -B -q -DskipTests package -pl bi-service -am
full_load "$TARGET"

# A throw-away signing key: bi-service checks tokens against its public half, no OIDC server needed.
source .ci/dev-tokens.sh
PUBLIC_KEY=$(dev_keypair "$WORK")
TOKEN=$(dev_token "$WORK" superadmin)

BI=
trap 'kill $BI 2>/dev/null || true; cleanup' EXIT
# start_service KEPT: bi-service on the loaded read model, keeping at most KEPT answers (0: none)
start_service() {
  start_packaged bi 18082 bi-service/target/quarkus-app/quarkus-run.jar BI_CACHED_ANSWERS="$1"
  BI=$STARTED_PID
}

TODAY=$(date -u +%F)
MONTH_AGO=$(date -u -d "$TODAY - 30 days" +%F)
YEAR_AGO=$(date -u -d "$TODAY - 365 days" +%F)
cat > "$WORK/percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
LUA

# pgbench percentiles from its per-transaction log (the third column is the latency in microseconds).
sql_percentiles() {
  rm -f "$WORK"/pgbench_log.*
  (cd "$WORK" && pgbench -n -c 32 -j 2 -T "${DURATION%s}" -f "$1" -l --log-prefix=pgbench_log "$TARGET" >/dev/null 2>&1)
  cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {
    printf "requests %d, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n", NR, v[int(NR*0.5)]/1000, v[int(NR*0.95)]/1000, v[int(NR*0.99)]/1000 }'
}

# The statements bi-service runs for these requests (see OverviewQuery and TimeSeriesQuery), values inlined.
overview_sql() {
  cat <<SQL
SELECT grouping(r.platform) = 0, grouping(r.platform_detail) = 0, grouping(c.slug) = 0, r.platform, r.platform_detail, c.slug,
       coalesce(sum(r.submissions), 0), coalesce(sum(r.submissions_removed), 0), coalesce(sum(r.removals), 0),
       coalesce(sum(r.removals_report_flow), 0), coalesce(sum(r.removals_legacy_fallback), 0)
FROM daily_rollup_now r LEFT JOIN communities c ON c.id = r.community_id
WHERE r.day >= '$1' AND r.day < '$2' AND (true OR c.slug = ANY ('{}'))
GROUP BY GROUPING SETS ((), (r.platform), (r.platform_detail), (c.slug));
SQL
}
timeseries_sql() {
  cat <<SQL
SELECT date_trunc('day', r.day::timestamp), NULL::text, sum(r.submissions), sum(r.submissions_removed)
FROM daily_rollup_now r LEFT JOIN communities c ON c.id = r.community_id
WHERE (true OR c.slug = ANY ('{}')) AND r.day >= '$1' AND r.day < '$2' GROUP BY 1, 2 HAVING sum(r.submissions) > 0;
SQL
}
hourly_sql() {
  cat <<SQL
SELECT date_trunc('hour', r.hour AT TIME ZONE 'UTC'), NULL::text, sum(r.submissions), sum(r.submissions_removed)
FROM hourly_rollup_now r LEFT JOIN communities c ON c.id = r.community_id
WHERE (true OR c.slug = ANY ('{}')) AND r.hour >= '$1' AND r.hour < '$2' GROUP BY 1, 2 HAVING sum(r.submissions) > 0;
SQL
}
# The drill-down's two statements (SubmissionListService): its total, counted as the KPI is (here from the daily
# rollup), then the page of 50 and one more to know there is a next, from the facts.
removed_list_sql() {
  cat <<SQL
BEGIN;
SELECT 0, CAST(NULL AS timestamptz), coalesce(sum(r.removals), 0)::double precision
FROM daily_rollup_now r LEFT JOIN communities c ON c.id = r.community_id
WHERE r.day >= '$1' AND r.day < '$2' AND (true OR c.slug = ANY ('{}')) LIMIT 1;
SELECT f.submission_id, f.legacy_id, f.community_slug, f.platform, f.platform_detail, f.submitted_at,
       f.effective_takedown_at, f.takedown_source, f.report_count, f.effective_takedown_at
FROM mv_submission_facts f
WHERE (f.effective_takedown_at >= '$1' AND f.effective_takedown_at < '$2') AND (true OR f.community_slug = ANY ('{}'))
ORDER BY f.effective_takedown_at DESC, f.submission_id DESC LIMIT 51;
COMMIT;
SQL
}

# measure NAME PATH SQLFILE: the service under wrk, and (once, in the first mode) the same SQL under pgbench
measure() {
  local name="$1" path="$2" sqlfile="$3"
  echo "== $name"
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18082$path" >/dev/null || { echo "request failed"; tail -20 "$WORK/bi.log"; exit 1; }
  wrk -t2 -c32 -d"$DURATION" -s "$WORK/percentiles.lua" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:18082$path" | tail -1 | sed "s/^/  service, kept answers $KEPT (wrk):    /"
  if [ "$SQL_MEASURED" = no ]; then
    sql_percentiles "$sqlfile" | sed 's/^/  same SQL (pgbench): /'
  fi
}

OVERVIEW_30="/api/v1/overview?from=$MONTH_AGO&to=$TODAY"
OVERVIEW_365="/api/v1/overview?from=$YEAR_AGO&to=$TODAY"
TIMESERIES_365="/api/v1/timeseries?metric=submissions&granularity=day&from=$YEAR_AGO&to=$TODAY"
HOUR=$(date -u +%FT%H:00Z)
DAY_AGO=$(date -u -d "$(date -u +'%F %H:00') UTC - 24 hours" +%FT%H:00Z)
HOURS_24="/api/v1/timeseries?metric=submissions&granularity=hour&from=$DAY_AGO&to=$HOUR"
REMOVED_30="/api/v1/submissions?measure=removed&from=$MONTH_AGO&to=$TODAY"

# "thread-id cpu-ticks" for each of the service's JIT compiler threads (C1, C2).
jit_threads() {
  local task fields
  for task in /proc/$BI/task/*; do
    grep -qs '^C[12] CompilerThre' "$task/comm" || continue
    fields=($(sed 's/.*) //' "$task/stat" 2>/dev/null)) || continue
    echo "${task##*/} $((fields[11] + fields[12]))"
  done
}

# Warm-up, not measured: all five requests in turn, in 10 s rounds, until the JIT compilers used less than 3% of a
# core in a round (at most 5 minutes). On two cores shared with PostgreSQL, C2 keeps compiling for a minute or
# more; measuring before it settles counts compilation as the service's cost per request.
cat > "$WORK/rotate.lua" <<LUA
paths = { "$OVERVIEW_30", "$OVERVIEW_365", "$TIMESERIES_365", "$HOURS_24", "$REMOVED_30" }
i = 0
request = function()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
LUA
overview_sql "$MONTH_AGO" "$TODAY" > "$WORK/overview30.sql"
overview_sql "$YEAR_AGO" "$TODAY" > "$WORK/overview365.sql"
timeseries_sql "$YEAR_AGO" "$TODAY" > "$WORK/timeseries365.sql"
hourly_sql "$DAY_AGO" "$HOUR" > "$WORK/hours24.sql"
removed_list_sql "$MONTH_AGO" "$TODAY" > "$WORK/removed30.sql"
TICKS_PER_SECOND=$(getconf CLK_TCK)
SQL_MEASURED=no
# KEPT_MODES: the sizes of the service's kept answers to measure, one after the other on the same read model
# (default "10000 0": with kept answers, then every request computed as the first one after a change).
for KEPT in ${KEPT_MODES:-${KEPT:-10000} 0}; do
  echo "=== bi-service keeping at most $KEPT answers"
  start_service "$KEPT"
  WARMUP_START=$SECONDS
  while :; do
    jit_threads > "$WORK/jit.before"
    wrk -t2 -c32 -d10s -s "$WORK/rotate.lua" -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18082 >/dev/null
    # Compiler threads come and go (a new one counts in full, one gone since is left out).
    jit_ticks=$(jit_threads | awk 'NR == FNR { before[$1] = $2; next } { used += $2 - before[$1] } END { print used + 0 }' \
      "$WORK/jit.before" -)
    jit_share=$(( jit_ticks * 100 / (10 * TICKS_PER_SECOND) ))
    (( jit_share < 3 || SECONDS - WARMUP_START >= 300 )) && break
  done
  echo "== warm-up: $((SECONDS - WARMUP_START)) s, the JIT compilers at $jit_share% of a core in the last 10 s"
  measure "overview, 30 days" "$OVERVIEW_30" "$WORK/overview30.sql"
  measure "overview, 1 year" "$OVERVIEW_365" "$WORK/overview365.sql"
  measure "time series, 1 year of days" "$TIMESERIES_365" "$WORK/timeseries365.sql"
  measure "time series, last 24 hours by hour" "$HOURS_24" "$WORK/hours24.sql"
  measure "first page of the 30-day removed list (with its total)" "$REMOVED_30" "$WORK/removed30.sql"
  SQL_MEASURED=yes
  kill "$BI"; wait "$BI" 2>/dev/null || true
done
