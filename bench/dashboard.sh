#!/usr/bin/env bash
# Benchmark (not a test): bi-service under load from wrk on loopback (32 connections) on a read model of N
# submissions (default 1,000,000), side by side with the same SQL run directly by pgbench (32 clients) in the
# same run. Endpoints: the overview of 30 days and of a year, and a year of daily submissions. The service keeps
# answers until the read model is refreshed, so after the first request of each it measures kept answers; the
# pgbench column is what every request would cost without them.
# KEPT=0 turns kept answers off, so that every request costs what the first one after a refresh costs.
# Measures the steady state: a warm-up under the same load lasts until the JIT compilers are nearly idle.
#   bench/dashboard.sh [POSTS]        env: see bench/lib.sh; DURATION (default 20s), KEPT (default 10000)
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
echo "== full load of the read model"
migrator "$TARGET" run full > "$WORK/full.log" 2>&1
grep -E "phases" "$WORK/full.log" | sed -E 's/^[0-9:]+ INFO  //'

# A throw-away signing key: bi-service checks tokens against its public half, no OIDC server needed.
source .ci/dev-tokens.sh
PUBLIC_KEY=$(dev_keypair "$WORK")
TOKEN=$(dev_token "$WORK" superadmin)

QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" QUARKUS_OIDC_TOKEN_ISSUER=dev QUARKUS_HTTP_PORT=18082 \
BI_CACHED_ANSWERS="${KEPT:-10000}" \
  "$JAVA_HOME/bin/java" $JAVA_OPTS -jar bi-service/target/quarkus-app/quarkus-run.jar > "$WORK/bi.log" 2>&1 &
BI=$!
trap 'kill $BI 2>/dev/null; cleanup' EXIT
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18082/q/health/ready >/dev/null && break; sleep 1; done

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
FROM mv_daily_rollup r LEFT JOIN communities c ON c.id = r.community_id
WHERE r.day >= '$1' AND r.day < '$2' AND (true OR c.slug = ANY ('{}'))
GROUP BY GROUPING SETS ((), (r.platform), (r.platform_detail), (c.slug));
SQL
}
timeseries_sql() {
  cat <<SQL
SELECT (date_trunc('day', r.day))::date, NULL::text, sum(r.submissions), sum(r.submissions_removed)
FROM mv_daily_rollup r LEFT JOIN communities c ON c.id = r.community_id
WHERE (true OR c.slug = ANY ('{}')) AND r.day >= '$1' AND r.day < '$2' GROUP BY 1, 2 HAVING sum(r.submissions) > 0;
SQL
}

measure() {
  local name="$1" path="$2" sqlfile="$3"
  echo "== $name"
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18082$path" >/dev/null || { echo "request failed"; tail -20 "$WORK/bi.log"; exit 1; }
  wrk -t2 -c32 -d"$DURATION" -s "$WORK/percentiles.lua" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:18082$path" | tail -1 | sed 's/^/  service (wrk):    /'
  sql_percentiles "$sqlfile" | sed 's/^/  same SQL (pgbench): /'
}

OVERVIEW_30="/api/v1/overview?from=$MONTH_AGO&to=$TODAY"
OVERVIEW_365="/api/v1/overview?from=$YEAR_AGO&to=$TODAY"
TIMESERIES_365="/api/v1/timeseries?metric=submissions&granularity=day&from=$YEAR_AGO&to=$TODAY"

# "thread-id cpu-ticks" for each of the service's JIT compiler threads (C1, C2).
jit_threads() {
  local task fields
  for task in /proc/$BI/task/*; do
    grep -qs '^C[12] CompilerThre' "$task/comm" || continue
    fields=($(sed 's/.*) //' "$task/stat" 2>/dev/null)) || continue
    echo "${task##*/} $((fields[11] + fields[12]))"
  done
}

# Warm-up, not measured: all three requests in turn, in 10 s rounds, until the JIT compilers used less than 3% of a
# core in a round (at most 5 minutes). On two cores shared with PostgreSQL, C2 keeps compiling for a minute or
# more; measuring before it settles counts compilation as the service's cost per request.
cat > "$WORK/rotate.lua" <<LUA
paths = { "$OVERVIEW_30", "$OVERVIEW_365", "$TIMESERIES_365" }
i = 0
request = function()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
LUA
WARMUP_START=$SECONDS
TICKS_PER_SECOND=$(getconf CLK_TCK)
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

overview_sql "$MONTH_AGO" "$TODAY" > "$WORK/overview30.sql"
overview_sql "$YEAR_AGO" "$TODAY" > "$WORK/overview365.sql"
timeseries_sql "$YEAR_AGO" "$TODAY" > "$WORK/timeseries365.sql"
measure "overview, 30 days" "$OVERVIEW_30" "$WORK/overview30.sql"
measure "overview, 1 year" "$OVERVIEW_365" "$WORK/overview365.sql"
measure "time series, 1 year of days" "$TIMESERIES_365" "$WORK/timeseries365.sql"
