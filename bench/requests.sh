# Sourced by bench/dashboard.sh and bench/ab.sh, after bench/lib.sh: the seven dashboard requests over a read model
# loaded today (OVERVIEW_30 … VIEW_30, REQUESTS), wrk's scripts for them in $WORK, and `check`/`measure` against
# bi-service on port 18082 with $TOKEN. `measure` also reports the CPU a request cost bi-service ($BI, its pid) and
# every PostgreSQL process, from their /proc ticks (everything else on the machine stays idle during a measurement).
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

TODAY=$(date -u +%F)
MONTH_AGO=$(date -u -d "$TODAY - 30 days" +%F)
YEAR_AGO=$(date -u -d "$TODAY - 365 days" +%F)
HOUR=$(date -u +%FT%H:00Z)
DAY_AGO=$(date -u -d "$(date -u +'%F %H:00') UTC - 24 hours" +%FT%H:00Z)
OVERVIEW_30="/api/v1/overview?from=$MONTH_AGO&to=$TODAY"
OVERVIEW_365="/api/v1/overview?from=$YEAR_AGO&to=$TODAY"
TIMESERIES_365="/api/v1/timeseries?metric=submissions&granularity=day&from=$YEAR_AGO&to=$TODAY"
HOURS_24="/api/v1/timeseries?metric=submissions&granularity=hour&from=$DAY_AGO&to=$HOUR"
REMOVED_30="/api/v1/submissions?measure=removed&from=$MONTH_AGO&to=$TODAY"
RATE_365="/api/v1/metrics/removal_rate/query"
RATE_365_BODY="{\"from\":\"$YEAR_AGO\",\"to\":\"$TODAY\"}"
VIEW_30="/api/v1/dashboards/overview/view?from=$MONTH_AGO&to=$TODAY"
# "name|path" of each, in the order they are measured; the catalog metric's query is a POST with RATE_365_BODY.
REQUESTS=("overview, 30 days|$OVERVIEW_30" "overview, 1 year|$OVERVIEW_365"
  "time series, 1 year of days|$TIMESERIES_365" "time series, last 24 hours by hour|$HOURS_24"
  "first page of the 30-day removed list (with its total)|$REMOVED_30"
  "catalog metric removal_rate (ratio), 1 year|$RATE_365" "dashboard view (overview), 30 days|$VIEW_30")

cat > "$WORK/percentiles.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
LUA
{ cat "$WORK/percentiles.lua"
  echo "wrk.method = \"POST\"; wrk.body = '$RATE_365_BODY'; wrk.headers[\"Content-Type\"] = \"application/json\""
} > "$WORK/post.lua"
# All seven in turn (warm-ups and the kept-answers share); the POST with its body and the -H headers.
cat > "$WORK/rotate.lua" <<LUA
paths = { "$OVERVIEW_30", "$OVERVIEW_365", "$TIMESERIES_365", "$HOURS_24", "$REMOVED_30", "$RATE_365", "$VIEW_30" }
i = 0
request = function()
  i = i % #paths + 1
  if paths[i] == "$RATE_365" then
    local headers = {}
    for k, v in pairs(wrk.headers) do headers[k] = v end
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", paths[i], headers, '$RATE_365_BODY')
  end
  return wrk.format("GET", paths[i])
end
LUA

# check PATH: one request must succeed before it is measured (SHOW_ANSWERS=1 prints the answers' beginnings)
check() {
  local args=(-s -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN") answer
  [ "$1" != "$RATE_365" ] || args+=(-H 'Content-Type: application/json' -d "$RATE_365_BODY")
  answer=$(curl "${args[@]}" "http://127.0.0.1:18082$1")
  if [ "${answer##*$'\n'}" != 200 ]; then
    echo "request failed: $1"; echo "${answer:0:800}"; tail -20 "$WORK/bi.log"; exit 1
  fi
  [ -z "${SHOW_ANSWERS:-}" ] || echo "  $1: ${answer:0:300}"
}

# cpu_ticks PID…: the user and system CPU ticks the processes used so far
cpu_ticks() {
  local pid sum=0
  for pid in "$@"; do sum=$((sum + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$sum"
}
TICK_MS=$((1000 / $(getconf CLK_TCK)))
# per_request TICKS REQUESTS: milliseconds of CPU a request
per_request() { echo "scale=3; $1 * $TICK_MS / $2" | bc; }

# measure NAME PATH: wrk (32 connections, DURATION) at the request; one line prefixed with MEASURE_LABEL: requests,
# errors, p50/p95/p99, and the CPU a request cost bi-service and PostgreSQL
measure() {
  local name="$1" path="$2" script="$WORK/percentiles.lua" bi_before pg_before result requests
  [ "$path" != "$RATE_365" ] || script="$WORK/post.lua"
  echo "== $name"
  check "$path"
  bi_before=$(cpu_ticks "$BI"); pg_before=$(cpu_ticks $(pgrep -f 'postgres:'))
  result=$(wrk -t2 -c32 -d"$DURATION" -s "$script" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18082$path" \
    | tail -1)
  requests=$(echo "$result" | grep -oE '^requests [0-9]+' | grep -oE '[0-9]+')
  echo "  $MEASURE_LABEL: $result, CPU a request: bi-service $(per_request $(($(cpu_ticks "$BI") - bi_before)) \
"$requests") ms, PostgreSQL $(per_request $(($(cpu_ticks $(pgrep -f 'postgres:')) - pg_before)) "$requests") ms"
}

# "thread-id cpu-ticks" for each of the service's JIT compiler threads (C1, C2).
jit_threads() {
  local task fields
  for task in /proc/$BI/task/*; do
    grep -qs '^C[12] CompilerThre' "$task/comm" || continue
    fields=($(sed 's/.*) //' "$task/stat" 2>/dev/null)) || continue
    echo "${task##*/} $((fields[11] + fields[12]))"
  done
}

# Warm-up, not measured: all seven requests in turn, in 10 s rounds, until the JIT compilers used less than 3% of a
# core in a round (at most WARMUP_MAX seconds, default 300). On two cores shared with PostgreSQL, C2 keeps compiling
# for a minute or more; measuring before it settles counts compilation as the service's cost per request.
warm_up() {
  local start=$SECONDS jit_ticks jit_share
  while :; do
    jit_threads > "$WORK/jit.before"
    wrk -t2 -c32 -d10s -s "$WORK/rotate.lua" -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18082 >/dev/null
    # Compiler threads come and go (a new one counts in full, one gone since is left out).
    jit_ticks=$(jit_threads | awk 'NR == FNR { before[$1] = $2; next } { used += $2 - before[$1] } END { print used + 0 }' \
      "$WORK/jit.before" -)
    jit_share=$(( jit_ticks * TICK_MS / 100 ))
    (( jit_share < 3 || SECONDS - start >= ${WARMUP_MAX:-300} )) && break
  done
  echo "== warm-up: $((SECONDS - start)) s, the JIT compilers at $jit_share% of a core in the last 10 s"
}
