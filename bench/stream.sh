#!/usr/bin/env bash
# Benchmark (not a test): the stream of legacy changes on a base of N posts (default 1,000,000), with the packaged
# migrator (streaming), bi-service and catalog, tokens signed by a throw-away key. Measures, one run each:
#   1. legacy commit → the first bi-service answer that counts it: p50/p95/max over COMMITS (300) commits, one new post
#      each, at RATE (20) a second (bench/StreamLatency.java);
#   2. legacy commit → a matching alert rule firing on bi-service's /q/metrics (submissions of one community in the
#      last hour above a threshold the commit crosses);
#   3. a burst of BURST (50,000) changed posts in one minute (100 transactions): the stream's peak lag (the age of the
#      oldest change received and not applied, sampled every second) and the time from the burst's end until it is
#      all applied;
#   4. the migrator killed for DOWN (600) seconds while the legacy database takes RATE commits a second: the WAL the
#      slot keeps, every minute, then after the migrator is back, and how long it takes to catch up.
# Before them, the stream's first catch-up after the full load: the slot was created before the load read, and the
# legacy server's WAL since then (on one shared server: the target's full load too) is decoded once.
# For 1 and 3, also the time from each legacy commit to its target transaction (stream_applied_transactions:
# applied_at - committed_at, one server's clock).
#   bench/stream.sh [POSTS]     env: see bench/lib.sh; COMMITS, RATE, BURST, DOWN; PHASES (default "1 2 3 4")
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ensure_logical_replication
echo "load average at the start: $(uptime | sed 's/.*load average: //')"

POSTS="${1:-1000000}"
COMMITS="${COMMITS:-300}"
RATE="${RATE:-20}"
BURST="${BURST:-50000}"
DOWN="${DOWN:-600}"
PHASES="${PHASES:-1 2 3 4}"
TARGET="${RUN}_target"
create_databases "$TARGET"
generate_legacy "$POSTS"
./mvnw -B -q -DskipTests package -pl bi-service,metrics-catalog-service -am
# A slot per legacy database (slot names are the server's): the full load creates it before it reads.
export MIGRATOR_STREAM_ENABLED=true MIGRATOR_STREAM_SLOT="$LEGACY" MIGRATOR_STREAM_PUBLICATION="$LEGACY"
full_load "$TARGET"
PGJAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)

source .ci/dev-tokens.sh
PUBLIC_KEY=$(dev_keypair "$WORK")
TOKEN=$(dev_token "$WORK" superadmin)
MIGRATOR= BI= CATALOG=
# The services end before their databases are dropped: a slot with a consumer keeps its database.
trap 'kill $MIGRATOR $BI $CATALOG 2>/dev/null || true; wait $MIGRATOR $BI $CATALOG 2>/dev/null || true; cleanup' EXIT
start_packaged catalog 18083 metrics-catalog-service/target/quarkus-app/quarkus-run.jar \
  QUARKUS_DATASOURCE_READMODEL_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_READMODEL_USERNAME="$PGUSER"
CATALOG=$STARTED_PID
start_packaged bi 18082 bi-service/target/quarkus-app/quarkus-run.jar \
  QUARKUS_REST_CLIENT_METRICS_CATALOG_URL=http://127.0.0.1:18083 BI_ALERTS_CATALOG_TOKEN="$TOKEN"
BI=$STARTED_PID
start_migrator() {
  start_packaged migrator 18081 migrator-service/target/quarkus-app/quarkus-run.jar \
    QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER"
  MIGRATOR=$STARTED_PID
}
start_migrator

stream() { curl -sf -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18081/api/v1/stream; }
field() { grep -o "\"$1\":[^,}]*" | head -1 | cut -d: -f2 | tr -d '"'; }
for _ in $(seq 1 120); do [ "$(stream | field live)" = true ] && break; sleep 1; done
echo "stream: $(stream | field status) (freshness $(stream | field freshness))"
# applied TXID: whether the stream recorded legacy transaction TXID as applied
applied() { [ "$(psql -d "$TARGET" -tAc "SELECT count(*) FROM stream_applied_transactions WHERE legacy_txid = $1")" = 1 ]; }
# marker: one legacy transaction of its own; prints its id as the stream records it
marker() {
  psql -d "$LEGACY" -tAqc "BEGIN; UPDATE posts SET status = status WHERE id = 1;
    SELECT txid_current() % 4294967296; COMMIT;" | grep -E '^[0-9]+$'
}
seconds_since() { echo "scale=2; ($(date +%s%N) - $1) / 1000000000" | bc; }
# to_target SINCE: legacy commit → target commit of the transactions the stream applied after SINCE (p50/p95/max)
to_target() {
  psql -d "$TARGET" -tAc "SELECT count(*) || ' transactions; legacy commit → target commit (ms): p50 '
      || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY d)) || ', p95 '
      || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY d)) || ', max ' || round(max(d))
    FROM (SELECT 1000 * extract(epoch FROM applied_at - committed_at) AS d FROM stream_applied_transactions
          WHERE committed_at > '$1') t"
}
start=$(date +%s%N)
first=$(marker)
while ! applied "$first"; do sleep 0.2; done
echo "first catch-up after the full load (the WAL since the slot was created, decoded once): $(seconds_since "$start") s"

phase() { [[ " $PHASES " == *" $1 "* ]]; }

if phase 1; then
echo "== 1. $COMMITS legacy commits at $RATE/s, each a new post: commit → the first bi-service answer that counts it"
since=$(psql -d "$LEGACY" -tAc "SELECT now()")
"$JAVA_HOME/bin/java" -cp "$PGJAR" bench/StreamLatency.java latency "$JDBC/$LEGACY" "$PGUSER" \
  http://127.0.0.1:18082 "$TOKEN" "$COMMITS" "$RATE"
echo "  $(to_target "$since")"
fi

if phase 2; then
echo "== 2. legacy commit → a matching alert rule firing"
COMMUNITY=$(psql -d "$LEGACY" -tAc "SELECT id FROM communities ORDER BY id DESC LIMIT 1")
SLUG=$(psql -d "$LEGACY" -tAc "SELECT slug FROM communities WHERE id = $COMMUNITY")
RECENT=$(psql -d "$LEGACY" -tAc "SELECT count(*) FROM posts WHERE community_id = $COMMUNITY
  AND created_at > now() - interval '1 hour'")
THRESHOLD=$((RECENT + 100))
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"key\":\"bench_stream_trigger\",\"name\":\"bench stream trigger\",\"summary\":\"fires after the commit\",
    \"metric\":{\"key\":\"submissions\"},\"window\":{\"kind\":\"rolling\",\"amount\":1,\"unit\":\"hours\"},
    \"communities\":[\"$SLUG\"],\"condition\":{\"type\":\"above\",\"threshold\":$THRESHOLD},\"severity\":\"critical\"}" \
  http://127.0.0.1:18083/api/v1/alert-rules
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" \
  http://127.0.0.1:18083/api/v1/alert-rules/bench_stream_trigger/versions/1/publish
firing() { curl -s http://127.0.0.1:18082/q/metrics | grep -E '^bi_alert_firing\{.*rule="bench_stream_trigger"' \
  | awk '{print $NF}' | head -1; }
for _ in $(seq 1 120); do [ -n "$(firing)" ] && break; sleep 1; done
echo "rule evaluated (firing=$(firing)): submissions of $SLUG in the last hour above $THRESHOLD (now $RECENT)"
start=$(date +%s%N)
psql -d "$LEGACY" -qc "INSERT INTO posts (community_id, url, platform, status, created_at, updated_at)
  SELECT $COMMUNITY, 'https://x.com/bench/' || i, 'X', 'new', now(), now() FROM generate_series(1, 150) i"
for _ in $(seq 1 600); do [ "$(firing)" = 1.0 ] && break; sleep 0.1; done
echo "150 new posts of $SLUG in one commit → the rule firing on /q/metrics: $(seconds_since "$start") s" \
  "(firing=$(firing))"
fi

if phase 3; then
echo "== 3. a burst: $BURST posts changed in one minute (100 transactions of $((BURST / 100)))"
since=$(psql -d "$LEGACY" -tAc "SELECT now()")
per=$((BURST / 100))
peak=0 peak_bytes=0
(
  for i in $(seq 0 99); do
    psql -d "$LEGACY" -qc "UPDATE posts SET status = CASE status WHEN 'new' THEN 'in_review' ELSE status END,
      hashtags = coalesce(hashtags, '') || ' #burst' WHERE id > $((i * per)) AND id <= $(((i + 1) * per))"
    sleep 0.6
  done
) &
burster=$!
while kill -0 "$burster" 2>/dev/null; do
  behind=$(stream | field secondsBehind); bytes=$(stream | grep -o '"behindBytes":[0-9]*' | cut -d: -f2)
  [ "${behind:-0}" -gt "$peak" ] && peak=$behind
  [ "${bytes:-0}" -gt "$peak_bytes" ] && peak_bytes=$bytes
  sleep 1
done
ended=$(date +%s%N)
last=$(marker)
while ! applied "$last"; do
  behind=$(stream | field secondsBehind)
  [ "${behind:-0}" -gt "$peak" ] && peak=$behind
  sleep 0.2
done
echo "burst: peak lag $peak s (oldest change waiting), peak slot lag $((peak_bytes / 1024)) KiB;" \
  "all applied $(seconds_since "$ended") s after the burst ended"
echo "  $(to_target "$since")"
fi

if phase 4; then
echo "== 4. the migrator killed for $DOWN s while the legacy database takes $RATE commits a second"
kill -9 "$MIGRATOR"; wait "$MIGRATOR" 2>/dev/null || true; MIGRATOR=
retained() {
  psql -d "$LEGACY" -tAc "SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) || ' kept, '
    || pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)) || ' unacknowledged'
    FROM pg_replication_slots WHERE slot_name = '$MIGRATOR_STREAM_SLOT'"
}
echo "  at the kill: $(retained)"
"$JAVA_HOME/bin/java" -cp "$PGJAR" bench/StreamLatency.java load "$JDBC/$LEGACY" "$PGUSER" "$RATE" "$DOWN" &
writer=$!
for minute in $(seq 1 $((DOWN / 60))); do
  sleep 60
  echo "  after $minute min down: $(retained)"
done
wait "$writer"
restarted=$(date +%s%N)
start_migrator
last=$(marker)
while ! applied "$last"; do sleep 0.5; done
echo "  the migrator back: caught up $(seconds_since "$restarted") s after its start began; then $(retained)"
fi
echo "load average at the end: $(uptime | sed 's/.*load average: //')"
