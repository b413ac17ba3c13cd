#!/usr/bin/env bash
# Runs the product locally on a fresh machine (JDK 21+ and PostgreSQL; installs/starts PostgreSQL if needed):
# builds, generates a seeded legacy database, runs a full migration with validation, prints the validation report
# and the headline numbers, then asks bi-service for the overview of the last 30 days, as a superadmin. Safe to re-run: both local databases are demo databases, made
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
set +e
QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET_DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY_DB" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER" \
QUARKUS_DATASOURCE_LEGACY_PASSWORD="${PGPASSWORD:-}" \
  "$JAVA_HOME/bin/java" -jar migrator-service/target/quarkus-app/quarkus-run.jar run full
status=$?
set -e

echo "== bi-service: overview of the last 30 days (a superadmin token signed with a throw-away local key)"
source .ci/dev-tokens.sh
LOCAL=.local && mkdir -p "$LOCAL"
PUBLIC_KEY=$(dev_keypair "$LOCAL")
QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET_DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" QUARKUS_OIDC_TOKEN_ISSUER=dev \
  "$JAVA_HOME/bin/java" -jar bi-service/target/quarkus-app/quarkus-run.jar > "$LOCAL/bi-service.log" 2>&1 &
BI=$!
trap 'kill $BI 2>/dev/null' EXIT
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:8082/q/health/ready >/dev/null && break; sleep 1; done
TODAY=$(date -u +%F)
curl -sf -H "Authorization: Bearer $(dev_token "$LOCAL" superadmin)" \
  "http://127.0.0.1:8082/api/v1/overview?from=$(date -u -d "$TODAY - 30 days" +%F)&to=$TODAY" \
  || echo "bi-service did not answer; see $LOCAL/bi-service.log"
echo
exit $status
