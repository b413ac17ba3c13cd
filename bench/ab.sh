#!/usr/bin/env bash
# Benchmark (not a test): bi-service (with the catalog beside it) at two commits, A and B, on one read model of N
# submissions (default 1,000,000) that this checkout's generator and migrator load once. One 20-second run per request
# moves by tens of percent on two cores shared by wrk, the services and PostgreSQL, more than most changes do; so each
# round starts A, then B, warms each up as bench/dashboard.sh does and measures the seven requests of
# bench/requests.sh with the CPU a request cost bi-service and PostgreSQL. Compare within a round, and trust what
# holds in every round. Both commits must read the read model this checkout's migrator writes; each commit's catalog
# keeps its own tables in a database of its own (the catalog migrates its schema at start, and an older catalog may
# not read what a newer one seeded), reading the read model like bi-service.
#   bench/ab.sh REV_A REV_B [POSTS]   env: see bench/lib.sh; ROUNDS (default 2), DURATION (default 20s),
#                                     KEPT (bi.kept-values, default 100000; 0: every answer computed),
#                                     WARMUP_MAX (seconds, default 300); bi-service's settings pass through
#                                     from the environment (e.g. BI_KEPT_ANSWERS_LAG=0s)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '10,13p' "$0"; exit 2; }
source bench/lib.sh
declare -A REVS=([a]="$(git rev-parse --short "$1")" [b]="$(git rev-parse --short "$2")")
POSTS="${3:-1000000}"
DURATION="${DURATION:-20s}"
KEPT="${KEPT:-100000}"
TARGET="${RUN}_target"

BI= CATALOG=
stop_services() { kill $BI $CATALOG 2>/dev/null || true; wait $BI $CATALOG 2>/dev/null || true; BI= CATALOG=; }
trap 'stop_services; for b in a b; do git worktree remove --force "$WORK/$b" 2>/dev/null || true; done; cleanup' EXIT
# Each commit in a worktree of its own, bi-service and the catalog packaged there.
for build in a b; do
  git worktree add -q --detach "$WORK/$build" "${REVS[$build]}"
  (cd "$WORK/$build" && ./mvnw -B -q -DskipTests package -pl bi-service,metrics-catalog-service -am)
done
create_databases "$TARGET" "${RUN}_catalog_a" "${RUN}_catalog_b"
generate_legacy "$POSTS"
full_load "$TARGET"

source .ci/dev-tokens.sh
PUBLIC_KEY=$(dev_keypair "$WORK")
source bench/requests.sh
echo "=== A ${REVS[a]}, B ${REVS[b]}: answers of $KEPT values kept at most, $DURATION per request"
for round in $(seq 1 "${ROUNDS:-2}"); do
  for build in a b; do
    TOKEN=$(dev_token "$WORK" superadmin)
    start_packaged catalog 18083 "$WORK/$build/metrics-catalog-service/target/quarkus-app/quarkus-run.jar" \
      QUARKUS_DATASOURCE_JDBC_URL="$JDBC/${RUN}_catalog_$build" \
      QUARKUS_DATASOURCE_READMODEL_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_READMODEL_USERNAME="$PGUSER"
    CATALOG=$STARTED_PID
    start_packaged bi 18082 "$WORK/$build/bi-service/target/quarkus-app/quarkus-run.jar" BI_KEPT_VALUES="$KEPT" \
      QUARKUS_REST_CLIENT_METRICS_CATALOG_URL=http://127.0.0.1:18083
    BI=$STARTED_PID
    for request in "${REQUESTS[@]}"; do check "${request#*|}"; done
    warm_up
    MEASURE_LABEL="round $round, ${build^^} ${REVS[$build]}"
    for request in "${REQUESTS[@]}"; do measure "${request%%|*}" "${request#*|}"; done
    stop_services
  done
done
