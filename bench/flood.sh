#!/usr/bin/env bash
# Benchmark (not a test): the dashboard for everyone else while one person floods (issue 43). On the alert
# benchmarks' stage (bench/lib.sh's evaluator_stack: N submissions, default 80,000, spread over COMMUNITIES, the
# packaged catalog and bi-service with its evaluator), CLIENTS normal clients (wrk, default 32 connections) ask the
# page's usual requests with the tokens of two superadmins and six community managers (distinct subjects), in turn:
# the overview dashboard's view over 30 days (by day), the last 7 days (by hour) and a year (by month), the metrics
# panel (/api/v1/metrics), the Alerts panel (/api/v1/alerts) and the first page of the 30-day "removed" list; each
# connection reads 0 to 2 × THINK_MS (default 400 ms) between two requests. (Without it 32 connections saturate the
# two cores by themselves: the quiet p95 is then their own queue, bi-service's calls to the catalog outlast their
# 1.5 s limit and its circuit breaker opens in quiet phases too, which measures the normal load, not the flood.)
# Phases of DURATION seconds each, after WARMUP seconds of normal load and one unmeasured flood (so that neither JIT
# compilation nor the flood's first compilation is counted as the flood's cost): ROUNDS × (quiet, then flood), then
# one quiet phase after. In a flood phase ONE community manager (a subject of their own, one community; a new person
# each round, so that each round's flood starts with an empty rule budget) runs beside the normal clients, each kind
# as fast as the services answer (closed loops, FLOOD_CONNECTIONS connections each, default 2):
#   previews      POST /api/v1/alerts/preview (90 days of a rule over their community; one per person, 429 beyond)
#   exports       GET /api/v1/submissions?…&format=csv, a year of their community, read at full speed; beside them one
#                 more client (bench/HostileClients.java slow-reader) reads the same export at 20 KB/s and abandons it
#                 after 8 s, again and again (two exports per person; curl's --limit-rate is not used: curl 7.88
#                 read a 527 KB export at 160 KB/s under --limit-rate 20k every other time)
#   unknown keys  GET /api/v1/dashboards/nope_N/view, N new at every request (each one asks the catalog)
#   rule creation POST /api/v1/alert-rules on the catalog, one connection, each accepted rule published at once,
#                 on and on past the per-person budget (409 beyond 100)
# Reports, per phase: the normal clients' requests, p50/p95/p99 and answers by status; the CPU seconds bi-service, the
# catalog and PostgreSQL used and how busy the machine was (so a concurrent build shows); the flooder's answers by
# kind and status; then each flood phase's p95 against the quiet phase just before it (issue 43: within 1.3×), any
# 5xx, the ERROR lines of both services' logs, and each normal request alone (hey, 8 connections at 2 requests a
# second each, under the rate one person may ask at, 5 s: which of them make the p95).
# Then, unless KIND_DURATION=0, each kind alone for KIND_DURATION seconds (default 30) by one more person, and a last
# quiet phase: which of them costs everyone else what.
#   bench/flood.sh [POSTS]   env: see bench/lib.sh; COMMUNITIES (10), CLIENTS (32), THINK_MS (400), DURATION (60),
#                            WARMUP (60), FLOOD_WARMUP (20), ROUNDS (2), FLOOD_CONNECTIONS (2), KIND_DURATION (30),
#                            PERSON_RATE (20), PERSON_BURST (100), LOGS_DIR (where to copy both services' logs at the
#                            end; not kept unless given)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v hey >/dev/null || { apt-get update -qq && apt-get install -y -qq hey >/dev/null; }
load_average() { uptime | sed 's/.*load average: //'; }
echo "load average at the start: $(load_average)"

POSTS="${1:-80000}"
COMMUNITIES="${COMMUNITIES:-10}"
CLIENTS="${CLIENTS:-32}"
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-60}"
FLOOD_WARMUP="${FLOOD_WARMUP:-20}"
ROUNDS="${ROUNDS:-2}"
FLOOD_CONNECTIONS="${FLOOD_CONNECTIONS:-2}"
THINK_MS="${THINK_MS:-400}"
KIND_DURATION="${KIND_DURATION:-30}"
# The services' own rate per person (moderation.http.person-rate.*, their defaults), which the other benchmarks' load
# generators are spared: here it is what stands between the flooder and everyone else.
PERSON_RATE="${PERSON_RATE:-20}"
PERSON_BURST="${PERSON_BURST:-100}"
# Each round's flooder, the warm-up's and the kinds' have a community of their own (the budget is per community too).
(( COMMUNITIES >= ROUNDS + 2 )) || { echo "COMMUNITIES must be at least ROUNDS + 2"; exit 1; }
TARGET="${RUN}_target"
evaluator_stack "$POSTS" "$COMMUNITIES"
echo "load average with the stage up: $(load_average)"

TODAY=$(date -u +%F)
WEEK_AGO=$(date -u -d "$TODAY - 7 days" +%F)
MONTH_AGO=$(date -u -d "$TODAY - 30 days" +%F)
YEAR_AGO=$(date -u -d "$TODAY - 365 days" +%F)
PATHS=("/api/v1/dashboards/overview/view?from=$MONTH_AGO&to=$TODAY"
  "/api/v1/dashboards/overview/view?from=$WEEK_AGO&to=$TODAY&granularity=hour"
  "/api/v1/dashboards/overview/view?from=$YEAR_AGO&to=$TODAY&granularity=month"
  "/api/v1/metrics" "/api/v1/alerts" "/api/v1/submissions?measure=removed&from=$MONTH_AGO&to=$TODAY")
# Everyone else: two superadmins, six managers of two communities each (the flooders' among them).
NORMAL_TOKENS=("$(dev_token "$WORK" superadmin '[]' admin-1)" "$(dev_token "$WORK" superadmin '[]' admin-2)")
for k in 1 2 3 4 5 6; do
  NORMAL_TOKENS+=("$(dev_token "$WORK" community-manager \
    "[\"${SLUGS[$(((k - 1) % COMMUNITIES))]}\",\"${SLUGS[$((k % COMMUNITIES))]}\"]" "manager-$k")")
done
# flooder_token R: round R's flooder (0: the warm-up's, kinds: the one of the kinds alone), a manager of one community
# of their own
flooder_slug() {
  case "$1" in
    0) echo "${SLUGS[$((COMMUNITIES - 1))]}";;
    kinds) echo "${SLUGS[$ROUNDS]}";;
    *) echo "${SLUGS[$(($1 - 1))]}";;
  esac
}
flooder_token() { dev_token "$WORK" community-manager "[\"$(flooder_slug "$1")\"]" "flooder-$1"; }
export_path() { echo "/api/v1/submissions?measure=submitted&from=$YEAR_AGO&to=$TODAY&community=$1&format=csv"; }
# rule_body KEY SLUG THRESHOLD: a rule as rule-budgets.sh creates them (and as the page previews them)
rule_body() {
  printf '{"key":"%s","name":"%s","summary":"flood rule %s","metric":{"key":"submissions"},' "$1" "$1" "$1"
  printf '"window":{"kind":"rolling","amount":24,"unit":"hours"},"communities":["%s"],' "$2"
  printf '"condition":{"type":"above","threshold":%s},"severity":"warning"}' "$3"
}

# Every normal request must answer 200 for every normal token before anything is measured.
for token in "${NORMAL_TOKENS[@]}"; do
  for path in "${PATHS[@]}"; do
    status=$(curl -s -o "$WORK/answer" -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:18082$path")
    [ "$status" = 200 ] || { echo "$path answered $status: $(head -c 600 "$WORK/answer")"; exit 1; }
  done
done
# What one flood request is, asked once by the warm-up's flooder.
token=$(flooder_token 0); slug=$(flooder_slug 0)
echo "== one of each flood request, by the warm-up's flooder (a manager of $slug):"
echo "  preview: $(curl -s -o "$WORK/answer" -w '%{http_code} in %{time_total} s' -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d "$(rule_body probe "$slug" 10)" http://127.0.0.1:18082/api/v1/alerts/preview)," \
  "$(grep -oE '"firings":[0-9]+' "$WORK/answer" || head -c 300 "$WORK/answer")"
echo "  export: $(curl -s -o "$WORK/answer" -w '%{http_code} in %{time_total} s' -H "Authorization: Bearer $token" \
  "http://127.0.0.1:18082$(export_path "$slug")"), $(wc -c < "$WORK/answer") bytes, $(grep -m1 '^# rows' "$WORK/answer" || true)"
echo "  unknown key: $(curl -s -o "$WORK/answer" -w '%{http_code} in %{time_total} s' -H "Authorization: Bearer $token" \
  "http://127.0.0.1:18082/api/v1/dashboards/nope_0/view?from=$MONTH_AGO&to=$TODAY"), $(head -c 200 "$WORK/answer")"

# lua_list NAME VALUE…: a Lua list of strings
lua_list() {
  local name="$1"; shift
  printf '%s = {' "$name"; printf ' "%s",' "$@"; printf ' }\n'
}
# The answers by status, summed over wrk's threads in done() (each thread counts in its own Lua state).
COUNTING=$(cat <<'LUA'
threads = {}
function setup(thread) thread:set("offset", #threads * 997); table.insert(threads, thread) end
counts = {}
function count(key) counts[key] = (counts[key] or 0) + 1 end
function summed()
  local all = {}
  for _, t in ipairs(threads) do for k, n in pairs(t:get("counts")) do all[k] = (all[k] or 0) + n end end
  return all
end
function socket_errors(summary)
  return summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
end
LUA
)
{ lua_list paths "${PATHS[@]}"; lua_list tokens "${NORMAL_TOKENS[@]}"; echo "$COUNTING"; echo "think = $THINK_MS"
  cat <<'LUA'
i = 0
-- A person reads between two requests: 0 to 2 × think ms, at random.
function delay() return math.random(0, 2 * think) end
function request()
  if i == 0 then math.randomseed(os.time() + offset) end
  i = i + 1
  local k = i + offset
  return wrk.format("GET", paths[k % #paths + 1],
    { ["Authorization"] = "Bearer " .. tokens[math.floor(k / #paths) % #tokens + 1] })
end
function response(status) count(status) end
function done(summary, latency, requests)
  local line = ""
  for status, n in pairs(summed()) do line = line .. string.format(" %d=%d", status, n) end
  io.write(string.format("RESULT %d %.2f %.2f %.2f %d%s\n", summary.requests, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, socket_errors(summary), line))
end
LUA
} > "$WORK/normal.lua"

# flood_scripts R: round R's flooder's wrk scripts in $WORK/flood-R-*.lua
flood_scripts() {
  local r="$1" token slug
  token=$(flooder_token "$r"); slug=$(flooder_slug "$r")
  local head; head=$(printf 'token = "%s"\nslug = "%s"\n%s\n' "$token" "$slug" "$COUNTING"
    cat <<'LUA'
function done(summary, latency, requests)
  for key, n in pairs(summed()) do io.write(string.format("FLOOD %s %d\n", key, n)) end
  io.write(string.format("FLOOD socket errors %d\n", socket_errors(summary)))
end
json = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
bare = { ["Authorization"] = "Bearer " .. token }
n = 0
LUA
  )
  { echo "$head"; cat <<LUA
function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/alerts/preview", json, string.format('$(rule_body "preview_%d" "$slug" "%d")', n, n, n, n % 50))
end
function response(status) count("preview " .. status) end
LUA
  } > "$WORK/flood-$r-preview.lua"
  { echo "$head"; cat <<LUA
function request() return wrk.format("GET", "$(export_path "$slug")", bare) end
function response(status) count("export " .. status) end
LUA
  } > "$WORK/flood-$r-export.lua"
  { echo "$head"; cat <<LUA
function request()
  n = n + 1
  return wrk.format("GET", string.format("/api/v1/dashboards/nope_%d_%d/view?from=$MONTH_AGO&to=$TODAY", offset, n), bare)
end
function response(status) count("unknown-key " .. status) end
LUA
  } > "$WORK/flood-$r-unknown.lua"
  # One connection: each creation's answer comes before the next request, so an accepted rule is published next.
  { echo "$head"; cat <<LUA
pending, last, key = nil, nil, nil
function request()
  if pending then
    last, pending = "publish", nil
    return wrk.format("POST", "/api/v1/alert-rules/" .. key .. "/versions/1/publish", bare)
  end
  n = n + 1
  last, key = "create", string.format("flood${r}_rule_%d", n)
  return wrk.format("POST", "/api/v1/alert-rules", json, string.format('$(rule_body "%s" "$slug" "%d")', key, key, key, n))
end
function response(status, headers, body)
  count("rule-" .. last .. " " .. status)
  -- A manager's rule is kept under a key in their own namespace: publish the key the catalog answered with.
  if last == "create" and status == 201 then pending, key = true, string.match(body, '"key":"([^"]+)"') end
end
LUA
  } > "$WORK/flood-$r-rules.lua"
}

# Compiled once: the slow reader (bench/HostileClients.java) starts in each flood phase, with little JIT.
"$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/HostileClients.java
# slow_exports R SECONDS: flooder R reads their export at 20 KB/s and abandons it after 8 s, again and again (a
# refusal is asked again after 0.5 s); prints "export-slow OUTCOME COUNT" lines
slow_exports() {
  "$JAVA_HOME/bin/java" -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$WORK/classes" HostileClients \
    slow-reader 18082 "$(export_path "$(flooder_slug "$1")")" "$(flooder_token "$1")" 20480 8 "$2"
}

# cpu_ticks PID…: user and system ticks used so far; machine_ticks: "busy total" of the whole machine
cpu_ticks() {
  local pid sum=0
  for pid in "$@"; do sum=$((sum + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$sum"
}
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
TICKS=$(getconf CLK_TCK)
seconds_of() { echo "scale=1; $1 / $TICKS" | bc; }

PHASES=()
# phase LABEL SECONDS [R [KINDS]]: normal clients for SECONDS, and flooder R beside them when R is given, flooding
# KINDS (default all: preview export unknown rules); appends
# "label|requests|p50|p95|p99|socket errors|statuses|bi s|catalog s|postgres s|busy %|load" to PHASES and prints it
phase() {
  local label="$1" seconds="$2" r="${3:-}" kinds=" ${4:-preview export unknown rules} " pids=() bi catalog pg busy total
  local f="$WORK/phase.${label// /_}"
  bi=$(cpu_ticks "$BI"); catalog=$(cpu_ticks "$CATALOG"); pg=$(cpu_ticks $(pgrep -f 'postgres:'))
  read -r busy total < <(machine_ticks)
  local started; started=$(date +%T)
  wrk -t2 -c"$CLIENTS" -d"${seconds}s" --timeout 10s -s "$WORK/normal.lua" http://127.0.0.1:18082 > "$f.normal" &
  pids+=($!)
  if [ -n "$r" ]; then
    flood_scripts "$r"
    local kind
    for kind in preview export unknown; do
      [[ "$kinds" == *" $kind "* ]] || continue
      wrk -t1 -c"$FLOOD_CONNECTIONS" -d"${seconds}s" --timeout 30s -s "$WORK/flood-$r-$kind.lua" \
        http://127.0.0.1:18082 > "$f.$kind" & pids+=($!)
    done
    if [[ "$kinds" == *" export "* ]]; then slow_exports "$r" "$seconds" > "$f.slow" & pids+=($!); fi
    if [[ "$kinds" == *" rules "* ]]; then
      wrk -t1 -c1 -d"${seconds}s" --timeout 30s -s "$WORK/flood-$r-rules.lua" \
        http://127.0.0.1:18083 > "$f.rules" & pids+=($!)
    fi
  fi
  # Only these: a bare `wait` would wait for the services too.
  wait "${pids[@]}"
  local result statuses
  result=$(grep '^RESULT' "$f.normal") || { echo "wrk gave no result:"; cat "$f.normal"; exit 1; }
  read -r _ requests p50 p95 p99 errors statuses <<< "$result"
  read -r busy2 total2 < <(machine_ticks)
  PHASES+=("$label|$requests|$p50|$p95|$p99|$errors|$(echo "$statuses" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')|$(
    seconds_of $(($(cpu_ticks "$BI") - bi)))|$(seconds_of $(($(cpu_ticks "$CATALOG") - catalog)))|$(
    seconds_of $(($(cpu_ticks $(pgrep -f 'postgres:')) - pg)))|$(( 100 * (busy2 - busy) / (total2 - total) ))|$(load_average)")
  echo "  ${PHASES[-1]} ($started–$(date +%T))"
  if [ -n "$r" ]; then
    # The flooder's answers: kind status count, from wrk's scripts and the slow reader's lines
    { cat "$f".{preview,export,unknown,rules} 2>/dev/null | grep '^FLOOD ' | sed 's/^FLOOD //' || true
      [ ! -f "$f.slow" ] || cat "$f.slow"
    } | awk '{ n[$1 " " $2] += $3 } END { for (k in n) print k, n[k] }' | sort > "$f.flooder"
    echo "  flooder-$r (a manager of $(flooder_slug "$r")), in $seconds s:" \
      "$(awk '{ printf "%s %s × %s; ", $1, $2, $3 }' "$f.flooder")"
  fi
}

echo "== warm-up: ${WARMUP} s of normal load ($CLIENTS connections), then ${FLOOD_WARMUP} s of a flood by flooder-0, not counted"
echo "  (each line: label|requests|p50 ms|p95 ms|p99 ms|socket errors|statuses|CPU s of bi-service|catalog|PostgreSQL|machine busy %|load average)"
phase "warm-up" "$WARMUP"
phase "warm-up flood" "$FLOOD_WARMUP" 0
echo "== measured: $ROUNDS × ($DURATION s quiet, $DURATION s flood), then $DURATION s quiet after"
for r in $(seq 1 "$ROUNDS"); do
  phase "quiet $r" "$DURATION"
  phase "flood $r" "$DURATION" "$r"
done
phase "after" "$DURATION"
# Which kind costs the others what: each kind alone, by one more person, then quiet again.
if (( KIND_DURATION > 0 )); then
  echo "== each kind of flood alone ($KIND_DURATION s each, flooder-kinds), then $KIND_DURATION s quiet"
  for kind in preview export unknown rules; do phase "$kind alone" "$KIND_DURATION" kinds "$kind"; done
  phase "quiet, last" "$KIND_DURATION"
fi

echo "== normal clients ($CLIENTS connections reading 0–$((2 * THINK_MS)) ms between requests, 2 superadmins and 6 managers in turn, the page's 6 requests)"
echo "| phase | requests | p50 ms | p95 ms | p99 ms | socket errors | answers by status | CPU s: bi-service / catalog / PostgreSQL | machine busy | load average |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for p in "${PHASES[@]}"; do
  IFS='|' read -r label requests p50 p95 p99 errors statuses bi catalog pg busy load <<< "$p"
  [[ "$label" == warm-up* ]] && continue
  echo "| $label | $requests | $p50 | $p95 | $p99 | $errors | $statuses | $bi / $catalog / $pg | $busy % | $load |"
done
# p95_of LABEL: that phase's p95
p95_of() { local p; for p in "${PHASES[@]}"; do [[ "$p" == "$1|"* ]] && { echo "$p" | cut -d'|' -f4; return; }; done; }
if (( KIND_DURATION > 0 )); then
  for kind in preview export unknown rules; do
    echo "$kind alone p95 / after p95: $(echo "scale=2; $(p95_of "$kind alone") / $(p95_of after)" | bc)×;" \
      "/ the last quiet p95: $(echo "scale=2; $(p95_of "$kind alone") / $(p95_of "quiet, last")" | bc)×"
  done
fi
for r in $(seq 1 "$ROUNDS"); do
  echo "flood $r p95 / quiet $r p95: $(echo "scale=2; $(p95_of "flood $r") / $(p95_of "quiet $r")" | bc)×;" \
    "/ after p95: $(echo "scale=2; $(p95_of "flood $r") / $(p95_of after)" | bc)×"
done
five=$(for p in "${PHASES[@]}"; do echo "$p" | cut -d'|' -f7 | tr ' ' '\n'; done | awk -F= '$1 >= 500 { n += $2 } END { print n + 0 }')
flood5=$(cat "$WORK"/phase.*.flooder | awk '$2 ~ /^5/ { n += $3 } END { print n + 0 }')
echo "5xx: $five to the normal clients, $flood5 to the flooders (every phase, warm-ups included)"
# log_lines NAME LEVEL: the service's lines of that level, counted by what they say (times, threads and ids left
# out), after the times of the first and last
log_lines() {
  # grep finds nothing in a clean log: not a failure of the script (set -e, pipefail).
  echo "$1's log: $(grep -c " $2 " "$WORK/$1.log" || true) $2 lines, at" \
    "$({ grep " $2 " "$WORK/$1.log" || true; } | cut -d' ' -f2 | sed -n '1p;$p' | tr '\n' ' ')"
  { grep " $2 " "$WORK/$1.log" || true; } | sed -E 's/^[0-9-]+ [0-9:,]+ //; s/\([^)]*thread[^)]*\) //; s/[0-9a-f]{8}-[0-9a-f-]{27}(-[0-9]+)?/…/g' \
    | cut -c1-300 | sort | uniq -c | sort -rn | head -12
}
for svc in bi catalog; do log_lines "$svc" ERROR; log_lines "$svc" WARN; done
[ -z "${LOGS_DIR:-}" ] || { mkdir -p "$LOGS_DIR"; cp "$WORK/bi.log" "$WORK/catalog.log" "$LOGS_DIR/"; }
echo "== each normal request alone, after the phases (hey, 8 connections at 2 a second each, within a person's rate, 5 s), for admin-1 and manager-1"
for k in 0 2; do
  for path in "${PATHS[@]}"; do
    hey -z 5s -c 8 -q 2 -t 30 -H "Authorization: Bearer ${NORMAL_TOKENS[$k]}" "http://127.0.0.1:18082$path" > "$WORK/hey.txt"
    echo "  $([ "$k" = 0 ] && echo admin-1 || echo manager-1) $path: $(grep -E '^\s+(50|95)% in' "$WORK/hey.txt" \
      | awk '{ printf "p%s %.1f ms; ", $1, $3 * 1000 }' | tr -d '%') $(grep -E '^\s+\[[0-9]+\]' "$WORK/hey.txt" | tr -s ' ' | tr '\n' ';')"
  done
done
echo "rules the catalog holds: $(psql -d "$TARGET" -tAc "SELECT count(*) FROM catalog.alert_rules" 2>/dev/null || echo '?')"
echo "load average at the end: $(load_average)"
