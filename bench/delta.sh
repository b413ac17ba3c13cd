#!/usr/bin/env bash
# Benchmark (not a test): on a full-loaded base of N legacy posts (default 1,000,000), deltas after 0.1 %, 1 % and
# 10 % of the posts changed; the load phase and the read-model refresh timed separately (from the run's log).
#   bench/delta.sh [POSTS]        env: JAVA_OPTS (default -Xmx256m), SEED
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/env.sh
choose_jdk
ensure_postgres

POSTS="${1:-1000000}"
SEED="${SEED:-42}"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
JDBC="jdbc:postgresql://$PGHOST:$PGPORT"
RUN="bench_$(date +%s)"
LEGACY="${RUN}_legacy" TARGET="${RUN}_target"
WORK=$(mktemp -d)
cleanup() {
  for db in "$LEGACY" "$TARGET"; do psql -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
  rm -rf "$WORK"
}
trap cleanup EXIT

./mvnw -B -q -DskipTests package -pl legacy-generator,migrator-service -am
for db in "$LEGACY" "$TARGET"; do psql -d postgres -qc "CREATE DATABASE $db"; done
"$JAVA_HOME/bin/java" -jar legacy-generator/target/legacy-generator.jar generate --url "$JDBC/$LEGACY" \
  --user "$PGUSER" --posts "$POSTS" --seed "$SEED" --recreate
psql -d "$LEGACY" -qc "VACUUM ANALYZE"

migrator() {
  QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
  QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER" \
  QUARKUS_LOG_CONSOLE_FORMAT="%d{HH:mm:ss} %-5p %s%e%n" \
    "$JAVA_HOME/bin/java" $JAVA_OPTS -jar migrator-service/target/quarkus-app/quarkus-run.jar "$@"
}

phases() { grep -E "phases|looked at|started:" "$1" | sed -E 's/^[0-9:]+ INFO  //'; }

echo "== full load of the base"
migrator run full > "$WORK/full.log" 2>&1
phases "$WORK/full.log"

# Each step changes a fresh slice of posts (every n-th id, shifted), as moderators would: a status change bumps
# updated_at through the legacy trigger; one post in ten also gets a new report with a takedown.
step=0
for percent in 0.1 1 10; do
  step=$((step + 1))
  every=$(echo "100 / $percent" | bc)
  psql -d "$LEGACY" -qc "UPDATE posts SET status = CASE status WHEN 'reported' THEN 'removed' ELSE 'reported' END
                          WHERE id % $every = $step"
  psql -d "$LEGACY" -qc "INSERT INTO post_reports (post_id, reported_at, taken_down_at, updated_at)
                          SELECT id, now(), now(), now() FROM posts WHERE id % ($every * 10) = $step"
  echo "== delta after $percent % of the posts changed ($(psql -d "$LEGACY" -tAc "SELECT count(*) FROM posts WHERE id % $every = $step") posts)"
  start=$(date +%s.%N)
  migrator run delta > "$WORK/delta.log" 2>&1
  echo "wall (JVM start to exit): $(echo "$(date +%s.%N) - $start" | bc) s"
  phases "$WORK/delta.log"
done
