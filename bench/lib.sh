# Sourced by the benchmark scripts: JDK and PostgreSQL, throw-away databases dropped on exit, the packaged
# generator and migrator, and `migrator TARGET_DB ARGS…` to run the migrator against one of them.
# Env: JAVA_OPTS (default -Xmx256m), SEED (default 42), BENCH_PREFIX (of the databases' names, default bench).
source "$(dirname "${BASH_SOURCE[0]}")/../.ci/env.sh"
choose_jdk
ensure_postgres

SEED="${SEED:-42}"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
# The packaged migrator polls unless a benchmark streams (bench/stream.sh): a slot nobody consumes would keep WAL.
export MIGRATOR_STREAM_ENABLED="${MIGRATOR_STREAM_ENABLED:-false}"
JDBC="jdbc:postgresql://$PGHOST:$PGPORT"
RUN="${BENCH_PREFIX:-bench}_$(date +%s)"
# The migrator's log lines; with milliseconds where a script measures rates from them.
LOG_FORMAT=${LOG_FORMAT:-'%d{HH:mm:ss} %-5p %s%e%n'}
LEGACY="${RUN}_legacy"
WORK=$(mktemp -d)
BENCH_DATABASES=("$LEGACY")

cleanup() {
  for db in "${BENCH_DATABASES[@]}"; do psql -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# create_databases NAME…: fresh databases, dropped again on exit
create_databases() {
  for db in "$@"; do
    BENCH_DATABASES+=("$db")
    psql -d postgres -qc "CREATE DATABASE $db"
  done
}

# generate_legacy POSTS: builds the tools and fills $LEGACY with the seeded generator
generate_legacy() {
  ./mvnw -B -q -DskipTests package -pl legacy-generator,migrator-service -am
  psql -d postgres -qc "CREATE DATABASE $LEGACY"
  "$JAVA_HOME/bin/java" -jar legacy-generator/target/legacy-generator.jar generate --url "$JDBC/$LEGACY" \
    --user "$PGUSER" --posts "$1" --seed "$SEED" --recreate
  psql -d "$LEGACY" -qc "VACUUM ANALYZE"
}

# migrator TARGET_DB ARGS…: the packaged migrator (MIGRATOR_JAR, default this checkout's) between $LEGACY and
# TARGET_DB, its time and peak RSS in $WORK/time.TARGET_DB ("seconds KiB")
migrator() {
  local target="$1"; shift
  QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$target" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
  QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER" \
  QUARKUS_LOG_CONSOLE_FORMAT="$LOG_FORMAT" \
    /usr/bin/time -f "%e %M" -o "$WORK/time.$target" \
    "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "${MIGRATOR_JAR:-migrator-service/target/quarkus-app/quarkus-run.jar}" "$@"
}

# full_load TARGET_DB: the packaged migrator's full load into TARGET_DB; prints its phases
full_load() {
  echo "== full load of the read model"
  migrator "$1" run full > "$WORK/full.log" 2>&1
  grep -E "phases" "$WORK/full.log" | sed -E 's/^[0-9:]+ INFO  //'
}

# start_packaged NAME PORT JAR [ENV…]: a packaged service on $TARGET, checking tokens against $PUBLIC_KEY (issuer
# "dev", .ci/dev-tokens.sh), logging to $WORK/NAME.log; its pid in STARTED_PID once it is ready (else exit 1)
# A benchmark's load generator asks with one token as fast as it is answered, which the services' rate per person
# (moderation.http.person-rate.*) would refuse: unmetered unless PERSON_RATE and PERSON_BURST say otherwise.
start_packaged() {
  local name="$1" port="$2" jar="$3"; shift 3
  env QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
    QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" QUARKUS_OIDC_TOKEN_ISSUER=dev QUARKUS_HTTP_PORT="$port" \
    MODERATION_HTTP_PERSON_RATE_REQUESTS_A_SECOND="${PERSON_RATE:-1000000}" \
    MODERATION_HTTP_PERSON_RATE_BURST="${PERSON_BURST:-1000000}" "$@" \
    "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$jar" > "$WORK/$name.log" 2>&1 &
  STARTED_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && return; sleep 1; done
  echo "$name did not become ready"; tail -20 "$WORK/$name.log"; exit 1
}

# spread_communities N: the generator makes 8 communities; the posts are spread over N of them (the others added to
# the legacy database, each post's community chosen by a hash of its id, so that a delta touches them all) before
# the full load, with the legacy trigger that stamps updated_at standing aside: a million freshly stamped posts would
# all fall in the first delta's overlap window.
spread_communities() {
  local existing
  existing=$(psql -d "$LEGACY" -tAc "SELECT count(*) FROM communities")
  if [ "$1" -gt "$existing" ]; then
    psql -d "$LEGACY" -qc "BEGIN;
      INSERT INTO communities (id, name, slug, created_at)
        SELECT i, 'Bench community ' || i, 'bench-' || i, '2021-01-01' FROM generate_series($existing + 1, $1) i;
      SELECT setval(pg_get_serial_sequence('communities', 'id'), $1);
      ALTER TABLE posts DISABLE TRIGGER posts_touch;
      UPDATE posts SET community_id = abs(hashint8(id)) % $1 + 1 WHERE community_id IS NOT NULL;
      ALTER TABLE posts ENABLE TRIGGER posts_touch;
      COMMIT;"
    psql -d "$LEGACY" -qc "VACUUM ANALYZE"
  fi
}

# The alert evaluator's numbers on bi-service (port 18082), for the benchmarks that start it.
# metric NAME [LABELS]: the value of a series on bi-service's /q/metrics (0 when it is not there yet)
metric() {
  curl -s http://127.0.0.1:18082/q/metrics | awk -v name="$1" -v labels="${2:-}" '
    index($0, name) == 1 && (labels == "" || index($0, labels) > 0) { value = $NF } END { print value + 0 }'
}
rounds() { metric 'bi_alerts_round_duration_seconds_count'; }
# round_report LABEL: waits for the next round to end, then prints its duration and what it computed or skipped
snapshot_counters() {
  COUNT0=$(rounds); SUM0=$(metric 'bi_alerts_round_duration_seconds_sum')
  COMPUTED0=$(metric 'bi_alerts_evaluations_total' 'outcome="computed"')
  SKIPPED0=$(metric 'bi_alerts_evaluations_total' 'outcome="skipped"')
}
round_report() {
  for _ in $(seq 1 900); do [ "$(rounds)" != "$COUNT0" ] && break; sleep 0.2; done
  local count sum computed skipped
  count=$(rounds); sum=$(metric 'bi_alerts_round_duration_seconds_sum')
  computed=$(metric 'bi_alerts_evaluations_total' 'outcome="computed"')
  skipped=$(metric 'bi_alerts_evaluations_total' 'outcome="skipped"')
  echo "$1: $(echo "$count - $COUNT0" | bc) round(s), $(echo "scale=3; ($sum - $SUM0) / ($count - $COUNT0)" | bc) s each;" \
    "rules computed $(echo "$computed - $COMPUTED0" | bc), skipped $(echo "$skipped - $SKIPPED0" | bc)"
}

# evaluator_stack POSTS COMMUNITIES [CATALOG_ENV…]: the alert benchmarks' stage. $TARGET and $LEGACY with POSTS
# generated posts spread over COMMUNITIES and fully loaded; a signing key and a superadmin's TOKEN; the packaged catalog
# (with CATALOG_ENV) and bi-service, whose evaluator reads the catalog with a token of its own client and logs its
# rounds; both stopped on exit. SLUGS: the communities' slugs.
evaluator_stack() {
  local posts="$1" communities="$2"; shift 2
  create_databases "$TARGET"
  generate_legacy "$posts"
  spread_communities "$communities"
  ./mvnw -B -q -DskipTests package -pl bi-service,metrics-catalog-service -am
  full_load "$TARGET"
  source .ci/dev-tokens.sh
  PUBLIC_KEY=$(dev_keypair "$WORK")
  TOKEN=$(dev_token "$WORK" superadmin)
  # The evaluator's own client, as in a deployment: the services' rate per person does not meter it.
  EVALUATOR_TOKEN=$(dev_token "$WORK" superadmin '[]' bi-alerts-evaluator bi-alerts-evaluator)
  BI= CATALOG=
  trap 'kill $BI $CATALOG 2>/dev/null || true; cleanup' EXIT
  start_packaged catalog 18083 metrics-catalog-service/target/quarkus-app/quarkus-run.jar \
    QUARKUS_DATASOURCE_READMODEL_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_READMODEL_USERNAME="$PGUSER" "$@"
  CATALOG=$STARTED_PID
  start_packaged bi 18082 bi-service/target/quarkus-app/quarkus-run.jar \
    QUARKUS_REST_CLIENT_METRICS_CATALOG_URL=http://127.0.0.1:18083 BI_ALERTS_CATALOG_TOKEN="$EVALUATOR_TOKEN" \
    QUARKUS_LOG_CATEGORY__ORG_MODERATION_BI_DASHBOARD_ALERTS__LEVEL=DEBUG
  BI=$STARTED_PID
  mapfile -t SLUGS < <(psql -d "$TARGET" -tAc "SELECT slug FROM communities ORDER BY id LIMIT $communities")
}

# dashboard_callers TARGET_DB: PUBLIC_KEY, the key start_packaged checks tokens against, and TOKENS by caller: a
# superadmin, and managers of the first one and the first three communities of TARGET_DB
dashboard_callers() {
  source .ci/dev-tokens.sh
  PUBLIC_KEY=$(dev_keypair "$WORK")
  local slugs
  mapfile -t slugs < <(psql -d "$1" -tAc "SELECT slug FROM communities ORDER BY id LIMIT 3")
  declare -gA TOKENS=(
    [superadmin]=$(dev_token "$WORK" superadmin '[]' bench-admin)
    [manager-1]=$(dev_token "$WORK" community-manager "[\"${slugs[0]}\"]" bench-manager-1)
    [manager-3]=$(dev_token "$WORK" community-manager "[\"${slugs[0]}\",\"${slugs[1]}\",\"${slugs[2]}\"]" bench-manager-3)
  )
}

# overview_view ZONE DAYS GRAIN COMPARE: the path of the overview dashboard's view of the DAYS days up to tomorrow in ZONE
overview_view() {
  local to from
  to=$(TZ="$1" date -d tomorrow +%F)
  from=$(date -d "$to - $2 days" +%F)
  echo "/api/v1/dashboards/overview/view?from=$from&to=$to&tz=$1&granularity=$3&compare=$4"
}
