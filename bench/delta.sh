#!/usr/bin/env bash
# Benchmark (not a test): on a fully loaded base of N legacy posts (default 1,000,000), deltas after 0.1 %, 1 % and
# 10 % of the posts changed, each split into its phases as the run logs and records them: the changed-id query, the
# load with read-model maintenance (the fast path), the reconciliation, the validation, and run start to run end.
# Then 0.1 % of changes the updated_at window cannot see (backdated reports), which only the reconciliation finds;
# the cost of each side's reconciliation summaries alone; a full rebuild of the read model; and an audit.
#
# Deltas run as in production: in the migrator service (a JVM that has run deltas before), triggered through its
# admin API, after autovacuum-like VACUUM ANALYZE of the freshly loaded target. The first delta of the fresh JVM is
# reported too, and so are deltas of `run delta` on the command line (a new JVM each time).
#   bench/delta.sh [POSTS]        env: see bench/lib.sh; WARMUP (deltas before measuring, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
echo "load average: $(uptime | sed 's/.*load average: //')"

POSTS="${1:-1000000}"
TARGET="${RUN}_target"
create_databases "$TARGET"
generate_legacy "$POSTS"

# One line per run from its log, and its duration as migration_runs records it (plus the changed-id query, which
# runs before the run's row is written).
report() {
  local log="$1" id="$2" found phases recon
  found=$(grep -oE "run $id \([a-z, ]+\) started: .*found in [0-9.]+ s" "$log" | grep -oE "found in [0-9.]+" | grep -oE "[0-9.]+" || true)
  phases=$(grep -oE "run $id phases: .*" "$log" | sed "s/run $id phases: //" || true)
  recon=$(grep -oE "run $id: reconciled .*" "$log" | sed "s/run $id: //" || true)
  echo "  changed-id query ${found} s; ${phases}"
  echo "  ${recon}"
  psql -d "$TARGET" -tAc "SELECT '  run ' || id || ' (' || kind || ', ' || status || '): run start to end '
      || round(extract(epoch FROM finished_at - started_at)::numeric, 2) || ' s; posts read ' || posts_read
      || ', written ' || submissions_written || ', unchanged ' || posts_unchanged || ', soft-deleted '
      || submissions_soft_deleted || ', repaired by the reconciliation: '
      || coalesce((reconciliation ->> 'postsMissing')::int + (reconciliation ->> 'postsStale')::int
                  + (reconciliation ->> 'postsBack')::int + (reconciliation ->> 'postsGone')::int, 0)
      FROM migration_runs WHERE id = $id"
}
last_run() { psql -d "$TARGET" -tAc "SELECT max(id) FROM migration_runs"; }

echo "== full load of the base"
migrator "$TARGET" run full > "$WORK/full.log" 2>&1
report "$WORK/full.log" "$(last_run)"
vacuum_start=$(date +%s%N)
psql -d "$TARGET" -qc "VACUUM ANALYZE"
echo "  VACUUM ANALYZE of the target (what autovacuum does after a load of this size): $(( ($(date +%s%N) - vacuum_start) / 1000000 )) ms"

# The service, with tokens checked against a throw-away key (no OIDC server); its crons off: the script triggers runs.
source .ci/dev-tokens.sh
PUBLIC_KEY=$(dev_keypair "$WORK")
TOKEN=$(dev_token "$WORK" superadmin)
QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER" \
QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" QUARKUS_OIDC_TOKEN_ISSUER=dev QUARKUS_HTTP_PORT=18081 \
MIGRATOR_DELTA_CRON=off MIGRATOR_AUDIT_CRON=off QUARKUS_LOG_CONSOLE_FORMAT="%d{HH:mm:ss} %-5p %s%e%n" \
  "$JAVA_HOME/bin/java" $JAVA_OPTS -jar migrator-service/target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18081/q/health/live >/dev/null && break; sleep 1; done

# service_run KIND: starts a run through the admin API, waits for its end, prints its id
service_run() {
  local id
  id=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "{\"kind\":\"$1\"}" \
    http://127.0.0.1:18081/api/v1/runs | grep -oE '"id":[0-9]+' | head -1 | cut -d: -f2)
  # The run's state read whole, then matched: grep -q in a pipeline would end curl early (a failure under pipefail).
  local run
  while run=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18081/api/v1/runs/$id") \
      && [[ "$run" == *'"status":"running"'* ]]; do
    sleep 0.2
  done
  echo "$id"
}

# change PERCENT STEP: a fresh slice of posts (every n-th id, shifted), as moderators would change them: a status
# change bumps updated_at through the legacy trigger; one changed post in ten also gets a new report with a takedown.
change() {
  local every
  every=$(echo "100 / $1" | bc)
  psql -d "$LEGACY" -qc "UPDATE posts SET status = CASE status WHEN 'reported' THEN 'removed' ELSE 'reported' END
                          WHERE id % $every = $2"
  psql -d "$LEGACY" -qc "INSERT INTO post_reports (post_id, reported_at, taken_down_at, updated_at)
                          SELECT id, now(), now(), now() FROM posts WHERE id % ($every * 10) = $2"
  psql -d "$LEGACY" -tAc "SELECT count(*) FROM posts WHERE id % $every = $2"
}

step=100
for i in $(seq 1 "${WARMUP:-3}"); do
  step=$((step + 1))
  echo "== warm-up delta $i after 0.1 % of the posts changed ($(change 0.1 $step) posts)$( [ "$i" = 1 ] && echo ', the service'"'"'s first run')"
  report "$WORK/service.log" "$(service_run delta)"
done

step=0
for percent in 0.1 1 10; do
  step=$((step + 1))
  echo "== delta after $percent % of the posts changed ($(change $percent $step) posts)"
  report "$WORK/service.log" "$(service_run delta)"
done

echo "== delta after 0.1 % of the posts got a report backdated by two days (invisible to the updated_at window)"
psql -d "$LEGACY" -qc "INSERT INTO post_reports (post_id, reported_at, taken_down_at, updated_at)
                        SELECT id, now() - interval '3 days', now() - interval '2 days', now() - interval '2 days'
                        FROM posts WHERE id % 1000 = 7"
report "$WORK/service.log" "$(service_run delta)"

echo "== audit (reconcile, then every submission and the read model against its rules)"
report "$WORK/service.log" "$(service_run audit)"
kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true

echo "== 0.1 % delta with run delta on the command line (a new JVM: start-up and compilation included in the run)"
echo "  ($(change 0.1 50) posts)"
migrator "$TARGET" run delta > "$WORK/cli.log" 2>&1
report "$WORK/cli.log" "$(last_run)"
echo "  JVM start to exit: $(cut -d' ' -f1 "$WORK/time.$TARGET") s"

# ./migrator as a person runs it (JAVA_HOME as lib.sh chose it), without and with the JDK AOT cache the build trained
# (JDK 25+), in STARTS alternating pairs (default 5), each over its own 0.1 % change: JVM start to exit against the
# command's own time as it logs it (once the application had started, to the command's end: lock, checks, the changed-id
# query, the run, the printed summary); the difference is the start-up overhead (the launcher, the JVM's and the
# application's start, their stop). Also against the run's work alone (the changed-id query, which runs before the
# run's row is written, and the run's recorded start to end). Medians, since one start on a noisy machine says little.
STARTS="${STARTS:-5}"
for i in $(seq 1 "$STARTS"); do
  for aot in off on; do
    residue=$((58 + 2 * i + $([ $aot = on ] && echo 1 || echo 0)))
    echo "== 0.1 % delta with ./migrator run delta, AOT cache $aot, start $i of $STARTS ($(change 0.1 $residue) posts)"
    start=$(date +%s%N)
    TARGET_DB="$TARGET" LEGACY_DB="$LEGACY" MIGRATOR_AOT=$aot QUARKUS_LOG_CONSOLE_FORMAT="$LOG_FORMAT" \
      ./migrator run delta > "$WORK/aot-$aot.log" 2>&1
    wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    report "$WORK/aot-$aot.log" "$(last_run)"
    run_ms=$(psql -d "$TARGET" -tAc "SELECT round(extract(epoch FROM finished_at - started_at) * 1000)
                                     FROM migration_runs ORDER BY id DESC LIMIT 1")
    query_ms=$(grep -oE "found in [0-9.]+ s" "$WORK/aot-$aot.log" | grep -oE "[0-9.]+" | awk '{ print int($1 * 1000) }')
    command_ms=$(grep -oE "run delta took [0-9.]+ s once" "$WORK/aot-$aot.log" | grep -oE "[0-9.]+" \
      | awk '{ print int($1 * 1000) }')
    echo "  ./migrator start to exit ${wall_ms} ms; the command ${command_ms} ms: start-up overhead $((wall_ms - command_ms)) ms; outside the changed-id query and the run's recorded start to end (start-up, lock, checks, summary, exit): $((wall_ms - query_ms - run_ms)) ms; Quarkus $(grep -oE "started in [0-9.]+s" "$WORK/aot-$aot.log")"
    echo "$((wall_ms - command_ms))" >> "$WORK/overhead-$aot"
    echo "$((wall_ms - query_ms - run_ms))" >> "$WORK/outside-$aot"
  done
done
median() { sort -n "$1" | sed -n "$(( (STARTS + 1) / 2 ))p"; }
echo "== ./migrator run delta, median of $STARTS: start-up overhead AOT cache off $(median "$WORK/overhead-off") ms, on $(median "$WORK/overhead-on") ms; outside the run's work off $(median "$WORK/outside-off") ms, on $(median "$WORK/outside-on") ms"

# The summary queries run alone on each side, as the reconciliation runs them: the median of 5 (psql's own start, a
# few ms, included).
summaries() {
  local db="$1" posts="$2" reports="$3" start
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    psql -d "$db" -qAt -c "$posts" -c "$reports" >/dev/null
    echo $(( ($(date +%s%N) - start) / 1000000 ))
  done | sort -n | sed -n 3p
}
HASH_POST="hashint8extended(%s, (date_part('epoch', %s) * 1000000)::bigint)"
# $1: the highest legacy id summarised, so that the same queries over a quarter, half and all of the ids show how the
# cost grows.
legacy_posts() { echo "SELECT count(*) FROM (SELECT id / 1000, count(*), sum($(printf "$HASH_POST" id updated_at)) FROM posts WHERE id <= $1 GROUP BY 1) x"; }
legacy_reports() { echo "SELECT count(*) FROM (SELECT post_id / 1000, count(*), sum(hashint8extended(id, hashint8extended(post_id, (date_part('epoch', updated_at) * 1000000)::bigint))) FROM post_reports WHERE post_id <= $1 GROUP BY 1) x"; }
# The target side as the reconciliation reads it: the buckets the triggers keep, summed to buckets of 1,000 ids.
target_kept() { echo "SELECT count(*) FROM (SELECT bucket / 10, sum(posts), sum(posts_hash), sum(reports), sum(reports_hash) FROM reconciliation_buckets WHERE bucket <= $1 / 100 GROUP BY 1) x"; }
echo "== reconciliation summaries alone, median of 5 (posts and reports, buckets of 1,000 ids)"
max_id=$(psql -d "$LEGACY" -tAc "SELECT max(id) FROM posts")
for share in 25 50 100; do
  upto=$((max_id * share / 100))
  echo "  ${share} % of the ids ($(psql -d "$LEGACY" -tAc "SELECT count(*) FROM posts WHERE id <= $upto") posts): legacy side $(summaries "$LEGACY" "$(legacy_posts $upto)" "$(legacy_reports $upto)") ms, target side (kept buckets) $(summaries "$TARGET" "$(target_kept $upto)" "SELECT 1") ms"
done

echo "== full rebuild of the read model (and of the kept buckets)"
migrator "$TARGET" run rebuild-read-model > "$WORK/rebuild.log" 2>&1
grep -E "read model rebuilt" "$WORK/rebuild.log" | tail -1 | sed 's/^.*INFO  /  /'
echo "load average: $(uptime | sed 's/.*load average: //')"
