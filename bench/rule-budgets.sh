#!/usr/bin/env bash
# Benchmark (not a test): per-person budgets of alert rules (issue 43). MANAGERS community managers (default 50), each
# with one community of their own, create rules until the catalog refuses them (BUDGET + 1 each, BUDGET the catalog's
# per-person and per-community budget, default 100), on a read model of N submissions (default 80,000, the base of
# the adversarial run that found one manager creating 2,000 rules). The packaged catalog and bi-service run beside it.
# Reports: creations accepted and refused, by status, and their rate; the evaluator's round over every rule, the first
# and a quiet one; the size of bi-service's /q/metrics and how many bi_alert_* series it holds; GET
# /api/v1/alert-rules p50/p95 for a manager and for the superadmin (hey: 8 clients, 400 requests); the size of the
# first page of /api/v1/alerts for the superadmin.
#   bench/rule-budgets.sh [POSTS]   env: see bench/lib.sh; MANAGERS (50), BUDGET (100)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v hey >/dev/null || { apt-get update -qq && apt-get install -y -qq hey >/dev/null; }
echo "load average at the start: $(uptime | sed 's/.*load average: //')"

POSTS="${1:-80000}"
MANAGERS="${MANAGERS:-50}"
BUDGET="${BUDGET:-100}"
TARGET="${RUN}_target"
evaluator_stack "$POSTS" "$MANAGERS" CATALOG_ALERT_RULES_PER_PERSON="$BUDGET" \
  CATALOG_ALERT_RULES_PER_COMMUNITY="$BUDGET"
# manager_rules I: manager I creates BUDGET + 1 rules on their community (submissions of the last 24 hours above J),
# publishing each one accepted; prints each creation's status
manager_rules() {
  local i="$1" slug="${SLUGS[$(($1 - 1))]}" token status key
  token=$(dev_token "$WORK" community-manager "[\"$slug\"]" "manager-$i")
  for j in $(seq 1 $((BUDGET + 1))); do
    key="m${i}_rule_${j}"
    status=$(curl -s -o "$WORK/created-$i.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' http://127.0.0.1:18083/api/v1/alert-rules -d "{\"key\":\"$key\",
      \"name\":\"$key\",\"summary\":\"bench rule $key\",\"metric\":{\"key\":\"submissions\"},
      \"window\":{\"kind\":\"rolling\",\"amount\":24,\"unit\":\"hours\"},\"communities\":[\"$slug\"],
      \"condition\":{\"type\":\"above\",\"threshold\":$j},\"severity\":\"warning\"}")
    echo "$status"
    if [ "$status" = 201 ]; then
      # Kept under a key in the manager's own namespace: publish the one the catalog answered with.
      key=$(sed -E 's/^\{"key":"([^"]+)".*/\1/' "$WORK/created-$i.json")
      curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" \
        "http://127.0.0.1:18083/api/v1/alert-rules/$key/versions/1/publish"
    fi
  done
}
echo "== $MANAGERS managers, one community each, create $((BUDGET + 1)) rules each (budget $BUDGET), 8 at a time"
start=$(date +%s.%N)
BATCH=()
for i in $(seq 1 "$MANAGERS"); do
  manager_rules "$i" > "$WORK/created.$i" &
  BATCH+=($!)
  # Only the batch: a bare `wait` would wait for the services too.
  if [ ${#BATCH[@]} = 8 ] || [ "$i" = "$MANAGERS" ]; then wait "${BATCH[@]}"; BATCH=(); fi
done
took=$(echo "$(date +%s.%N) - $start" | bc)
created=$(cat "$WORK"/created.* | grep -c '^201$' || true)
echo "creations by status: $(cat "$WORK"/created.* | sort | uniq -c | awk '{printf "%s x %s; ", $1, $2}')" \
  "$(echo "scale=1; ($created + 0) / $took" | bc) accepted rules a second ($(echo "$took" | cut -c1-5) s)"
echo "a refusal: $(curl -s -H "Authorization: Bearer $(dev_token "$WORK" community-manager "[\"${SLUGS[0]}\"]" manager-1)" \
  -H 'Content-Type: application/json' http://127.0.0.1:18083/api/v1/alert-rules -d "{\"key\":\"one_more\",
  \"name\":\"one more\",\"summary\":\"one more\",\"metric\":{\"key\":\"submissions\"},\"window\":{\"kind\":\"rolling\",\"amount\":24,
  \"unit\":\"hours\"},\"communities\":[\"${SLUGS[0]}\"],\"condition\":{\"type\":\"above\",\"threshold\":1},
  \"severity\":\"warning\"}")"

for n in 1 2 3; do
  snapshot_counters
  round_report "round $n after creating (nothing changed in the data)"
done
curl -s http://127.0.0.1:18082/q/metrics > "$WORK/metrics.txt"
echo "/q/metrics: $(wc -c < "$WORK/metrics.txt") bytes, $(grep -c '^bi_alert_' "$WORK/metrics.txt") bi_alert_* series" \
  "for $(grep -c '^bi_alert_firing{' "$WORK/metrics.txt") rules"
echo "/api/v1/alerts, first page, superadmin: $(curl -s -H "Authorization: Bearer $TOKEN" \
  http://127.0.0.1:18082/api/v1/alerts | wc -c) bytes"

# list_latency LABEL TOKEN: hey's p50 and p95 of the catalog's rule list for this caller
list_latency() {
  hey -n 400 -c 8 -H "Authorization: Bearer $2" http://127.0.0.1:18083/api/v1/alert-rules > "$WORK/hey.txt"
  echo "$1: $(grep -E '^\s+(50|95)% in' "$WORK/hey.txt" | awk '{printf "p%s %s ms; ", $1, $3 * 1000}' | tr -d '%')" \
    "statuses: $(grep -E '^\s+\[[0-9]+\]' "$WORK/hey.txt" | tr -s ' ' | tr '\n' ';')"
}
echo "== GET /api/v1/alert-rules (the catalog), 8 clients, 400 requests, after 100 of warm-up"
hey -n 100 -c 8 -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18083/api/v1/alert-rules > /dev/null
list_latency "superadmin (every rule)" "$TOKEN"
list_latency "manager-1 (their community's rules)" \
  "$(dev_token "$WORK" community-manager "[\"${SLUGS[0]}\"]" manager-1)"
echo "load average at the end: $(uptime | sed 's/.*load average: //')"
