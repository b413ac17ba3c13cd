#!/usr/bin/env bash
# Runs the product locally on a fresh machine (JDK 21+ and PostgreSQL; installs/starts PostgreSQL if needed):
# builds, generates a seeded legacy database, runs a full migration with validation, and prints the
# validation report and the headline numbers. Safe to re-run: both local databases are demo databases, made
# anew each time. Exit code: that of `run full` (0/2/1).
set -euo pipefail
cd "$(dirname "$0")"
source .ci/env.sh
choose_jdk
ensure_postgres

POSTS="${POSTS:-13914}"
SEED="${SEED:-42}"
LEGACY_DB="${LEGACY_DB:-moderation_legacy}"
TARGET_DB="${TARGET_DB:-moderation_target}"
JDBC="jdbc:postgresql://$PGHOST:$PGPORT"

echo "== building (JDK: $JAVA_HOME)"
./mvnw -B -q -DskipTests package

echo "== databases $LEGACY_DB and $TARGET_DB on $PGHOST:$PGPORT (made anew)"
for db in "$LEGACY_DB" "$TARGET_DB"; do
  psql -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  psql -d postgres -qc "CREATE DATABASE \"$db\""
done

echo "== generating the legacy database: $POSTS posts, seed $SEED"
"$JAVA_HOME/bin/java" -jar legacy-generator/target/legacy-generator.jar generate \
  --url "$JDBC/$LEGACY_DB" --user "$PGUSER" --posts "$POSTS" --seed "$SEED" --recreate

echo "== full migration"
QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET_DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY_DB" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER" \
QUARKUS_DATASOURCE_LEGACY_PASSWORD="${PGPASSWORD:-}" \
  "$JAVA_HOME/bin/java" -jar migrator-service/target/quarkus-app/quarkus-run.jar run full
