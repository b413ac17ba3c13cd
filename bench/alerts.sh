#!/usr/bin/env bash
# Benchmark (not a test): RULES alert rules (default 1,000) over COMMUNITIES communities (default 50) on a read model of
# N submissions (default 1,000,000), evaluated by the packaged bi-service with the packaged catalog beside it. Reports
# the evaluator's round (bi_alerts_round_duration_seconds, and how many rules it computed or skipped): the first round
# over every rule, a scheduled round with nothing changed, and the round after a 0.1 % delta; and the time from a
# legacy commit that makes one rule's condition hold to that rule being `firing` on /q/metrics, when the delta runs
# right after the commit (with the migrator's schedule, add up to its period: MIGRATOR_DELTA_CRON).
#   bench/alerts.sh [POSTS]            env: see bench/lib.sh; RULES (1000), COMMUNITIES (50)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
echo "load average at the start: $(uptime | sed 's/.*load average: //')"

POSTS="${1:-1000000}"
RULES="${RULES:-1000}"
COMMUNITIES="${COMMUNITIES:-50}"
TARGET="${RUN}_target"
evaluator_stack "$POSTS" "$COMMUNITIES"
echo "== $RULES rules over ${#SLUGS[@]} communities (four kinds in turn: submissions in the last 24 hours above 50;"
echo "   the removal rate this week below 20 % with at least 20 submissions; today's submissions 100 % above"
echo "   yesterday's; removals in the last 7 days above 200)"
rule() {
  local key="$1" slug="$2" kind="$3" metric window condition minimum=null
  case "$kind" in
    0) metric=submissions; window='{"kind":"rolling","amount":24,"unit":"hours"}'
       condition='{"type":"above","threshold":50}' ;;
    1) metric=removal_rate; window='{"kind":"calendar","unit":"week","timeZone":"Europe/Berlin"}'
       condition='{"type":"below","threshold":0.2}'; minimum=20 ;;
    2) metric=submissions; window='{"kind":"calendar","unit":"day","timeZone":"UTC"}'
       condition='{"type":"change_above","threshold":1.0,"periodsBack":1,"change":"relative"}' ;;
    3) metric=removals; window='{"kind":"rolling","amount":7,"unit":"days"}'
       condition='{"type":"above","threshold":200}' ;;
  esac
  printf '{"key":"%s","name":"%s","summary":"bench rule %s","metric":{"key":"%s"},"window":%s,"communities":["%s"],"condition":%s,"minimumCount":%s,"severity":"warning"}' \
    "$key" "$key" "$key" "$metric" "$window" "$slug" "$condition" "$minimum"
}
publish() {
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2" \
    http://127.0.0.1:18083/api/v1/alert-rules || { echo "rule $1 refused:"; curl -s -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "$2" http://127.0.0.1:18083/api/v1/alert-rules; exit 1; }
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:18083/api/v1/alert-rules/$1/versions/1/publish"
}
TRIGGER_SLUG="${SLUGS[0]}"
start=$(date +%s.%N)
for i in $(seq 1 $((RULES - 1))); do
  publish "bench_rule_$i" "$(rule "bench_rule_$i" "${SLUGS[$((i % ${#SLUGS[@]}))]}" $((i % 4)))"
done
# The rule the legacy commit below makes fire: submissions of one community in the last hour, more than 100.
publish bench_trigger "{\"key\":\"bench_trigger\",\"name\":\"bench trigger\",\"summary\":\"fires after the commit\",
  \"metric\":{\"key\":\"submissions\"},\"window\":{\"kind\":\"rolling\",\"amount\":1,\"unit\":\"hours\"},
  \"communities\":[\"$TRIGGER_SLUG\"],\"condition\":{\"type\":\"above\",\"threshold\":100},\"severity\":\"critical\"}"
echo "created and published in $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s"

# Rounds run every minute and at each change of the read model. The first one after publishing may have started
# before the last rule was published; each round says how many rules it computed and how many it skipped.
for n in 1 2 3; do
  snapshot_counters
  round_report "round $n after publishing (nothing changed in the data)"
done
echo "trigger state: $(curl -s -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18082/api/v1/alerts?severity=critical)"

echo "== a 0.1 % delta in the legacy database, with 150 new submissions of $TRIGGER_SLUG in one commit"
every=1000
psql -d "$LEGACY" -qc "BEGIN;
  UPDATE posts SET status = CASE status WHEN 'reported' THEN 'removed' ELSE 'reported' END WHERE id % $every = 7;
  INSERT INTO posts (community_id, submitted_by, url, platform, content_text, author_handle, posted_at, status,
      removed_at, categories, hashtags, analysis, extra, created_at, updated_at)
    SELECT p.community_id, p.submitted_by, p.url || '#alerts-' || p.id, p.platform, p.content_text, p.author_handle,
      now() - interval '5 minutes', 'reported', NULL, p.categories, p.hashtags, p.analysis, p.extra, now(), now()
    FROM posts p JOIN communities c ON c.id = p.community_id WHERE c.slug = '$TRIGGER_SLUG' ORDER BY p.id DESC LIMIT 150;
  COMMIT;"
committed=$(date +%s.%N)
snapshot_counters
migrator "$TARGET" run delta > "$WORK/delta.log" 2>&1 || { echo "delta failed"; tail -20 "$WORK/delta.log"; exit 1; }
psql -d "$TARGET" -tAc "SELECT '  run ' || id || ' (' || kind || ', ' || status || '): posts written '
    || submissions_written || ', run start to end ' || round(extract(epoch FROM finished_at - started_at)::numeric, 1)
    || ' s' FROM migration_runs ORDER BY id DESC LIMIT 1"
delta_done=$(date +%s.%N)
for _ in $(seq 1 1200); do
  [ "$(metric 'bi_alert_firing' 'rule="bench_trigger"')" = "1" ] && break
  sleep 0.1
done
firing=$(date +%s.%N)
round_report "round after the delta"
echo "legacy commit → delta finished: $(echo "$delta_done - $committed" | bc | cut -c1-5) s;" \
  "→ bench_trigger firing on /q/metrics: $(echo "$firing - $committed" | bc | cut -c1-5) s"
echo "the evaluator's rounds by phase (its debug log), the last ones:"
grep 'round of' "$WORK/bi.log" | tail -n 8 | sed 's/^/  /'
echo "load average at the end: $(uptime | sed 's/.*load average: //')"
