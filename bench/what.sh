#!/usr/bin/env bash
# Benchmark (not a test): the "what is removed" requests of issue 41 under load from wrk on loopback (CONNECTIONS,
# default 32) on a read model of N submissions (default 1,000,000), nothing kept (bi.kept-values 0: every request is
# computed in its own snapshot), and each request a different shape anyway (its window moves by a day, its search word
# changes): what a request costs when no kept answer serves it. Requests:
#   removals, a year by week by category (POST /api/v1/metrics/removals/query), as a superadmin and as a community
#     manager of the largest community (scoped);
#   removal_rate and submissions, 7 days by hashtag, top 20;
#   median_report_to_takedown, 90 days by takedown channel;
#   the first page (50) of a search of the submissions submitted in the last 90 days (GET /api/v1/submissions?q=),
#     once with rare words (numbers: about 20 posts each in the whole base; the generator's fixed vocabulary has no
#     word in a few hundred posts) and once with a common word of the generator's fixed vocabulary.
# The packaged metrics-catalog-service runs beside it on the same target database, as in bench/dashboard.sh. Then,
# unless EXPLAIN=0, one request of each kind again with auto_explain on the target database (ANALYZE, BUFFERS, every
# statement of 1 ms or more), the plans written to $PLANS (default bench/plans/what) from the server's log.
#   bench/what.sh [POSTS]     env: see bench/lib.sh; DURATION (default 20s), CONNECTIONS (32), WARMUP (default 60,
#                             seconds of all requests in turn before measuring), WRK_TIMEOUT (60s: a request slower
#                             than wrk's default 2 s is still measured), EXPLAIN (1), PLANS,
#                             REUSE_TARGET: measure this already loaded target database (left as it is) instead of
#                             generating and loading one; SKIP_BUILD (with REUSE_TARGET: the services as packaged
#                             already); PG_LOG (default /var/log/postgresql/postgresql-15-main.log)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
load_average() { uptime | sed 's/.*load average: //'; }
echo "load average at the start: $(load_average)"

POSTS="${1:-1000000}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
WARMUP="${WARMUP:-60}"
PLANS="${PLANS:-bench/plans/what}"
PG_LOG="${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}"
if [ -n "${REUSE_TARGET:-}" ]; then
  TARGET="$REUSE_TARGET"
  BENCH_DATABASES=()
  [ -n "${SKIP_BUILD:-}" ] || ./mvnw -B -q -DskipTests package -pl bi-service,metrics-catalog-service -am
else
  TARGET="${RUN}_target"
  create_databases "$TARGET"
  generate_legacy "$POSTS"
  ./mvnw -B -q -DskipTests package -pl bi-service,metrics-catalog-service -am
  full_load "$TARGET"
fi
echo "target database $TARGET: $(psql -d "$TARGET" -XAtc "SELECT count(*) FROM mv_submission_facts") live submissions"
echo "load average after the load: $(load_average)"

source .ci/dev-tokens.sh
PUBLIC_KEY=$(dev_keypair "$WORK")
# The manager's community: the one with the most submissions (the scoped request's worst case).
MANAGED=$(psql -d "$TARGET" -XAtc "SELECT community_slug FROM mv_submission_facts WHERE community_slug IS NOT NULL
  GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
tokens() {
  TOKEN=$(dev_token "$WORK" superadmin)
  MANAGER_TOKEN=$(dev_token "$WORK" community-manager "[\"$MANAGED\"]" manager)
}

BI= CATALOG=
trap 'kill $BI $CATALOG 2>/dev/null || true; [ -z "${REUSE_TARGET:-}" ] || psql -d postgres -qc "ALTER DATABASE $TARGET RESET ALL" || true; cleanup' EXIT
start_packaged catalog 18083 metrics-catalog-service/target/quarkus-app/quarkus-run.jar \
  QUARKUS_DATASOURCE_READMODEL_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_READMODEL_USERNAME="$PGUSER"
CATALOG=$STARTED_PID
start_service() {
  start_packaged bi 18082 bi-service/target/quarkus-app/quarkus-run.jar BI_KEPT_VALUES=0 \
    QUARKUS_REST_CLIENT_METRICS_CATALOG_URL=http://127.0.0.1:18083
  BI=$STARTED_PID
}
source bench/requests.sh   # wrk, cpu_ticks, per_request, percentiles.lua

# The search words. Rare: the numbers the generator writes into its posts ("shared 1234 times"), those in 15 to 25
# documents, 200 of them. Common: the generator's trope word in the fewest documents (still a tenth of them or so).
psql -d "$TARGET" -XAtc "SELECT word FROM ts_stat('SELECT document FROM mv_submission_search')
  WHERE word ~ '^[0-9]{4,5}\$' AND ndoc BETWEEN 15 AND 25 ORDER BY md5(word) LIMIT 200" > "$WORK/rare.words"
COMMON_WORD="${COMMON_WORD:-rothschild}"
RARE_DOCS=$(psql -d "$TARGET" -XAtc "SELECT round(avg(ndoc)), min(ndoc), max(ndoc) FROM ts_stat('SELECT document
  FROM mv_submission_search') WHERE word IN ($(sed "s/.*/'&'/" "$WORK/rare.words" | paste -sd,))")
COMMON_DOCS=$(psql -d "$TARGET" -XAtc "SELECT count(*) FROM mv_submission_search
  WHERE document @@ websearch_to_tsquery(search_config, '$COMMON_WORD')")
echo "search words: $(wc -l < "$WORK/rare.words") rare numbers (documents: avg|min|max $RARE_DOCS), common '$COMMON_WORD' ($COMMON_DOCS documents)"

# One wrk script per request: KIND picks the request, OFFSET (days) moves its window, a counter per thread.
NOW=$(date -u -d "$(date -u +%F)" +%s)   # today 00:00 UTC
# lua_script NAME BODY_OR_PATH_EXPRESSION METHOD [TOKEN]: $WORK/NAME.lua
lua_script() {
  { cat "$WORK/percentiles.lua"
    cat <<LUA
local today = $NOW
local n = 0
local words = {}
for line in io.lines("$WORK/rare.words") do words[#words + 1] = line end
function setup(thread) thread:set("tid", tostring(math.random(1, 1000000))) end
local function day(k) return os.date("!%Y-%m-%d", today - k * 86400) end
request = function()
  n = n + 1
  local i = n + tonumber(tid or "0")
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  $2
end
LUA
  } > "$WORK/$1.lua"
}
post() { echo "headers[\"Content-Type\"] = \"application/json\"; return wrk.format(\"POST\", \"$1\", headers, $2)"; }
lua_script removals "$(post /api/v1/metrics/removals/query "'{\"from\":\"' .. day(365 + i % 28) .. '\",\"to\":\"' .. day(i % 28) .. '\",\"granularity\":\"week\",\"groupBy\":[\"category\"]}'")"
lua_script rate "$(post /api/v1/metrics/removal_rate/query "'{\"from\":\"' .. day(7 + i % 4) .. '\",\"to\":\"' .. day(i % 4) .. '\",\"groupBy\":[\"hashtag\"],\"top\":20}'")"
lua_script submissions "$(post /api/v1/metrics/submissions/query "'{\"from\":\"' .. day(7 + i % 4) .. '\",\"to\":\"' .. day(i % 4) .. '\",\"groupBy\":[\"hashtag\"],\"top\":20}'")"
lua_script median "$(post /api/v1/metrics/median_report_to_takedown/query "'{\"from\":\"' .. day(90 + i % 28) .. '\",\"to\":\"' .. day(i % 28) .. '\",\"groupBy\":[\"takedown_channel\"]}'")"
lua_script search_rare "return wrk.format(\"GET\", \"/api/v1/submissions?measure=submitted&limit=50&from=\" .. day(90 + i % 28) .. \"&to=\" .. day(i % 28) .. \"&q=\" .. words[i % #words + 1], headers)"
lua_script search_common "return wrk.format(\"GET\", \"/api/v1/submissions?measure=submitted&limit=50&from=\" .. day(90 + i % 28) .. \"&to=\" .. day(i % 28) .. \"&q=$COMMON_WORD\", headers)"
# "name|script|token variable", in the order measured
WHAT=("removals, 1 year by week by category|removals|TOKEN"
  "removals, 1 year by week by category, community manager (1 community)|removals|MANAGER_TOKEN"
  "removal_rate, 7 days by hashtag, top 20|rate|TOKEN"
  "submissions, 7 days by hashtag, top 20|submissions|TOKEN"
  "median_report_to_takedown, 90 days by takedown channel|median|TOKEN"
  "search, 90 days, first page of 50, a rare word (a number, ~20 posts in the base)|search_rare|TOKEN"
  "search, 90 days, first page of 50, the common word '$COMMON_WORD'|search_common|TOKEN")
# One request of a script, printed (its first 300 characters) and checked: a curl made from the Lua's first request.
one() {
  local script="$1" token="$2" line method path body
  line=$(cd "$WORK" && luajit -e "
    wrk = { headers = {}, format = function(m, p, h, b) return m .. '\t' .. p .. '\t' .. (b or '') end }
    thread = nil; dofile('$script.lua'); io.write(request())" 2>/dev/null) || return 0
  IFS=$'\t' read -r method path body <<< "$line"
  local args=(-s -o "$WORK/answer" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token")
  [ "$method" != POST ] || args+=(-H 'Content-Type: application/json' -d "$body")
  echo "  $method $path $body -> $(curl "${args[@]}" "http://127.0.0.1:18082$path") $(head -c 300 "$WORK/answer")"
}
command -v luajit >/dev/null || { apt-get install -y -qq luajit >/dev/null 2>&1 || true; }

tokens
start_service
echo "== bi-service up, nothing kept (load average: $(load_average))"
for what in "${WHAT[@]}"; do IFS='|' read -r _ script token <<< "$what"; one "$script" "${!token}"; done
# Warm-up: every request in turn, WARMUP seconds in all (not measured).
start=$SECONDS
while (( SECONDS - start < WARMUP )); do
  for what in "${WHAT[@]}"; do
    IFS='|' read -r _ script token <<< "$what"
    wrk -t2 -c"$CONNECTIONS" --timeout "${WRK_TIMEOUT:-60s}" -d3s -s "$WORK/$script.lua" -H "Authorization: Bearer ${!token}" http://127.0.0.1:18082 >/dev/null
  done
done
echo "== warm-up: $((SECONDS - start)) s (load average: $(load_average))"

# Until the target database runs nothing: a search abandoned by wrk at the end of the last run (10 s in PostgreSQL)
# would otherwise be measured with the next request kind. At most a minute.
settle() {
  for _ in $(seq 1 60); do
    [ "$(psql -d postgres -XAtc "SELECT count(*) FROM pg_stat_activity WHERE datname = '$TARGET'
      AND state = 'active' AND pid <> pg_backend_pid()")" = 0 ] && return
    sleep 1
  done
}
for what in "${WHAT[@]}"; do
  IFS='|' read -r name script token <<< "$what"
  settle
  echo "== $name"
  bi_before=$(cpu_ticks "$BI"); pg_before=$(cpu_ticks $(pgrep -f "postgres: .* $TARGET "))
  out=$(wrk -t2 -c"$CONNECTIONS" --timeout "${WRK_TIMEOUT:-60s}" -d"$DURATION" -s "$WORK/$script.lua" -H "Authorization: Bearer ${!token}" \
    http://127.0.0.1:18082)
  result=$(echo "$out" | tail -1)
  requests=$(echo "$result" | grep -oE '^requests [0-9]+' | grep -oE '[0-9]+')
  echo "  $result, $(echo "$out" | grep -E 'Requests/sec'), CPU a request: bi-service $(per_request \
$(($(cpu_ticks "$BI") - bi_before)) "$requests") ms, PostgreSQL (the target database's backends) $(per_request \
$(($(cpu_ticks $(pgrep -f "postgres: .* $TARGET ")) - pg_before)) "$requests") ms; load average $(load_average)"
done
kill "$BI"; wait "$BI" 2>/dev/null || true; BI=

[ "${EXPLAIN:-1}" = 1 ] || exit 0
# The plans: auto_explain in the sessions of a fresh bi-service, every statement of 1 ms or more, from the log.
echo "== plans (auto_explain, ANALYZE and BUFFERS) into $PLANS"
mkdir -p "$PLANS"
psql -d postgres -q <<SQL
ALTER DATABASE $TARGET SET session_preload_libraries = 'auto_explain';
ALTER DATABASE $TARGET SET auto_explain.log_min_duration = 1;
ALTER DATABASE $TARGET SET auto_explain.log_analyze = on;
ALTER DATABASE $TARGET SET auto_explain.log_buffers = on;
ALTER DATABASE $TARGET SET auto_explain.log_nested_statements = on;
SQL
tokens
start_service
for what in "${WHAT[@]}"; do
  IFS='|' read -r name script token <<< "$what"
  plan="$script"; [ "$token" = TOKEN ] || plan="$script-manager"
  one "$script" "${!token}" > /dev/null   # the first in a session plans; the second is measured
  sleep 1
  before=$(stat -c %s "$PG_LOG")
  echo "$name:$(one "$script" "${!token}")"
  sleep 2
  tail -c +"$((before + 1))" "$PG_LOG" | awk -v db="@$TARGET " '
    /^[0-9]{4}-[0-9]{2}-[0-9]{2} / { keep = index($0, db) > 0 } keep' > "$PLANS/$plan.log"
  echo "  $(grep -c 'duration:' "$PLANS/$plan.log") statements of 1 ms or more: $(grep -oE 'duration: [0-9.]+ ms' "$PLANS/$plan.log" | paste -sd, | cut -c1-200)"
done
psql -d postgres -qc "ALTER DATABASE $TARGET RESET ALL"
echo "load average at the end: $(load_average)"
