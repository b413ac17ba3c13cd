#!/usr/bin/env bash
# Runs the whole product locally on a fresh machine (JDK 21+ and PostgreSQL; installs/starts PostgreSQL if needed):
# builds; makes the legacy and target demo databases anew and fills the legacy one with the seeded generator;
# fetches Keycloak through Maven and starts it with the demo realm; runs a full migration with validation; starts
# the migrator (with its scheduled deltas), bi-service (with the dashboard page) and the metrics catalog against
# Keycloak; checks that Keycloak's tokens are accepted and scoped; prints the URLs and the demo users.
# Everything it starts runs in the background (pids in .local/pids, logs in .local/logs) until ./stop-local.sh.
# Safe to re-run: it first stops what it started last time. Exit code: that of `run full` (0/2/1), or 1 when a part
# of the stack did not come up.
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
LOCAL="$(pwd)/.local"   # absolute: stop-local.sh recognises its processes by this path
KEYCLOAK_PORT=8180
ISSUER="http://127.0.0.1:$KEYCLOAK_PORT/realms/moderation"
# Demo-only credentials of the committed local realm (deploy/local/keycloak/moderation-realm.json).
SERVICES_SECRET=demo-only-moderation-services-secret
KEYCLOAK_ADMIN_PASSWORD=admin-demo-only

./stop-local.sh
mkdir -p "$LOCAL/pids" "$LOCAL/logs"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$KEYCLOAK_PORT" 8081 8082 8083; do
  port_free "$port" || { echo "Port $port is taken by a process run-local.sh did not start; stop it first." >&2; exit 1; }
done

# start NAME COMMAND…: runs COMMAND in its own session in the background, logging to .local/logs/NAME.log
start() {
  local name="$1"; shift
  setsid "$@" > "$LOCAL/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$LOCAL/pids/$name.pid"
}

# wait_for NAME URL SECONDS: until URL answers 2xx; otherwise the log's tail, everything stopped, exit 1
wait_for() {
  for _ in $(seq 1 "$3"); do curl -sf -o /dev/null "$2" && return; sleep 1; done
  echo "$1 did not come up in $3 s ($2); the end of $LOCAL/logs/$1.log:" >&2
  tail -n 30 "$LOCAL/logs/$1.log" >&2
  ./stop-local.sh
  exit 1
}

echo "== building (JDK: $JAVA_HOME)"
./mvnw -B -q -DskipTests package

echo "== Keycloak: fetched by Maven into $LOCAL/keycloak, started in dev mode on port $KEYCLOAK_PORT"
./mvnw -B -q -N dependency:unpack@local-keycloak
mkdir -p "$LOCAL/keycloak/data/import"
cp deploy/local/keycloak/moderation-realm.json "$LOCAL/keycloak/data/import/"
# An in-memory database: the realm is imported from the repository's file at every start. Brute-force detection
# stays on, but lets a user's logins run at the same time (Keycloak 26 refuses all but one as user_temporarily_disabled).
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
  start keycloak "$LOCAL/keycloak/bin/kc.sh" start-dev --http-port "$KEYCLOAK_PORT" --http-host 127.0.0.1 \
  --import-realm --db=dev-mem --spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true

echo "== databases $LEGACY_DB and $TARGET_DB on $PGHOST:$PGPORT (made anew)"
for db in "$LEGACY_DB" "$TARGET_DB"; do
  psql -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  psql -d postgres -qc "CREATE DATABASE \"$db\""
done

echo "== generating the legacy database: $POSTS posts, seed $SEED"
"$JAVA_HOME/bin/java" -jar legacy-generator/target/legacy-generator.jar generate \
  --url "$JDBC/$LEGACY_DB" --user "$PGUSER" --posts "$POSTS" --seed "$SEED" --recreate

export QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET_DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
  QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
LEGACY=(QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY_DB" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER"
  QUARKUS_DATASOURCE_LEGACY_PASSWORD="${PGPASSWORD:-}")

echo "== full migration (validation report below)"
set +e
env "${LEGACY[@]}" "$JAVA_HOME/bin/java" -jar migrator-service/target/quarkus-app/quarkus-run.jar run full
status=$?
set -e

# bi-service reads as a login role in bi_reader (made by the migrator's V5), as in production. Demo-only password.
psql -d "$TARGET_DB" -qc "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bi_service') THEN
  CREATE ROLE bi_service LOGIN PASSWORD 'bi-service-demo-only' IN ROLE bi_reader; END IF; END \$\$"

echo "== waiting for Keycloak"
wait_for keycloak "$ISSUER/.well-known/openid-configuration" 180

echo "== starting migrator-service (8081, scheduled deltas), bi-service (8082), metrics-catalog-service (8083)"
export QUARKUS_OIDC_AUTH_SERVER_URL="$ISSUER" QUARKUS_OIDC_CLIENT_ID=moderation-services QUARKUS_HTTP_HOST=127.0.0.1
start migrator-service env "${LEGACY[@]}" "$JAVA_HOME/bin/java" -jar "$(pwd)/migrator-service/target/quarkus-app/quarkus-run.jar"
start bi-service env QUARKUS_DATASOURCE_USERNAME=bi_service QUARKUS_DATASOURCE_PASSWORD=bi-service-demo-only \
  "$JAVA_HOME/bin/java" -jar "$(pwd)/bi-service/target/quarkus-app/quarkus-run.jar"
start metrics-catalog-service "$JAVA_HOME/bin/java" -jar "$(pwd)/metrics-catalog-service/target/quarkus-app/quarkus-run.jar"
wait_for migrator-service http://127.0.0.1:8081/q/health/ready 120
wait_for bi-service http://127.0.0.1:8082/q/health/ready 120
wait_for metrics-catalog-service http://127.0.0.1:8083/q/health/ready 120

# token USER PASSWORD: an access token from Keycloak (password grant, for this check and for curl only)
token() {
  curl -sf -d grant_type=password -d client_id=moderation-services -d client_secret="$SERVICES_SECRET" \
    -d username="$1" -d password="$2" "$ISSUER/protocol/openid-connect/token" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
field() { grep -o "\"$1\":[^,}]*" | head -1 | cut -d: -f2; }
scope() { sed -nE 's/.*"scope":(\{[^}]*\}).*/\1/p'; }

# The window of the migrator's headline "submitted … (the 30 UTC days up to and including today)", so the two agree.
TODAY=$(date -u +%F)
FROM=$(date -u -d "$TODAY - 29 days" +%F)
WINDOW="from=$FROM&to=$(date -u -d "$TODAY + 1 day" +%F)"
echo "== bi-service with Keycloak's tokens: submitted $FROM .. $TODAY (the 30 UTC days up to and including today)"
refused() { echo "bi-service did not accept Keycloak's $1 token; the stack keeps running, see $LOCAL/logs" >&2; exit 1; }
ADMIN_OVERVIEW=$(curl -sf -H "Authorization: Bearer $(token superadmin superadmin-demo-only)" \
  "http://127.0.0.1:8082/api/v1/overview?$WINDOW") || refused superadmin
MANAGER_TOKEN=$(token manager manager-demo-only)
MANAGER_OVERVIEW=$(curl -sf -H "Authorization: Bearer $MANAGER_TOKEN" "http://127.0.0.1:8082/api/v1/overview?$WINDOW") \
  || refused manager
OUTSIDE=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $MANAGER_TOKEN" \
  "http://127.0.0.1:8082/api/v1/overview?$WINDOW&community=paris-vigilance")
echo "superadmin: submissions $(field submissions <<< "$ADMIN_OVERVIEW"), removed $(field removed <<< "$ADMIN_OVERVIEW"), scope $(scope <<< "$ADMIN_OVERVIEW")"
echo "manager:    submissions $(field submissions <<< "$MANAGER_OVERVIEW"), removed $(field removed <<< "$MANAGER_OVERVIEW"), scope $(scope <<< "$MANAGER_OVERVIEW")"
echo "manager asking for paris-vigilance (not theirs): HTTP $OUTSIDE"
RATE=$(curl -sf -H "Authorization: Bearer $MANAGER_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"from\": \"$FROM\", \"to\": \"$(date -u -d "$TODAY + 1 day" +%F)\"}" \
  http://127.0.0.1:8082/api/v1/metrics/removal_rate/query) || refused manager
echo "manager, catalog metric removal_rate v1: $(grep -o '"value":[^,}]*' <<< "$RATE" | head -1 | cut -d: -f2) (the overview's removalRate: $(field removalRate <<< "$MANAGER_OVERVIEW"))"

cat <<EOF

== The local stack is running (stop it with ./stop-local.sh; logs in $LOCAL/logs)
  Dashboard          http://127.0.0.1:8082/dashboard/   (log in as a demo user below)
  Keycloak           http://127.0.0.1:$KEYCLOAK_PORT/admin/   (realm moderation; console user admin / $KEYCLOAK_ADMIN_PASSWORD)
  migrator-service   http://127.0.0.1:8081/api/v1/runs   Swagger UI http://127.0.0.1:8081/q/swagger-ui
  bi-service         http://127.0.0.1:8082/api/v1/overview?$WINDOW   Swagger UI http://127.0.0.1:8082/q/swagger-ui
  metrics catalog    http://127.0.0.1:8083/api/v1/metrics   Swagger UI http://127.0.0.1:8083/q/swagger-ui (Authorize: moderation-dashboard, PKCE)
Demo users (demo-only passwords of the local realm):
  superadmin / superadmin-demo-only   every community; the migrator's admin API
  manager    / manager-demo-only      community-manager of berlin-online-watch and vienna-monitoring
A token for curl:
  curl -s -d grant_type=password -d client_id=moderation-services -d client_secret=$SERVICES_SECRET \\
    -d username=superadmin -d password=superadmin-demo-only $ISSUER/protocol/openid-connect/token
EOF
[ "$status" -eq 0 ] || echo "Note: the full migration's validation did not pass (exit $status); see its report above."
exit $status
