#!/usr/bin/env bash
# Runs the whole product locally on a fresh machine (JDK 21+ and PostgreSQL; installs/starts PostgreSQL if needed):
# builds; makes the legacy and target demo databases anew and fills the legacy one with the seeded generator;
# fetches Keycloak through Maven and starts it with the demo realm; runs a full migration with validation; starts
# the migrator (streaming legacy changes, with its scheduled deltas as the backstop), bi-service (with the dashboard
# page) and the metrics catalog against Keycloak; checks that Keycloak's tokens are accepted and scoped; prints the
# URLs and the demo users. STREAM=off: the migrator polls instead of streaming (a local server is set to
# wal_level=logical otherwise, which restarts it once).
# Several people may share the machine and the server: LEGACY_DB/TARGET_DB name the databases and MIGRATOR_PORT,
# BI_PORT, CATALOG_PORT, KEYCLOAK_PORT the ports. It drops only databases that this checkout's run-local.sh made
# (FORCE_RECREATE=1 drops any), and makes sure that what answers on each port is the process it started.
# Everything it starts runs in the background (pids in .local/pids, logs in .local/logs) until ./stop-local.sh.
# Safe to re-run: it first stops what it started last time. Exit code: that of `run full` (0/2/1), or 1 when a part
# of the stack did not come up, or a port or a database is someone else's.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/env.sh

POSTS="${POSTS:-13914}"
SEED="${SEED:-42}"
LEGACY_DB="${LEGACY_DB:-moderation_legacy}"
TARGET_DB="${TARGET_DB:-moderation_target}"
FORCE_RECREATE="${FORCE_RECREATE:-0}"
STREAM="${STREAM:-on}"
JDBC="jdbc:postgresql://$PGHOST:$PGPORT"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
MIGRATOR_PORT="${MIGRATOR_PORT:-8081}"
BI_PORT="${BI_PORT:-8082}"
CATALOG_PORT="${CATALOG_PORT:-8083}"
# Each process started, with the variable that chooses its port.
declare -A PORT_VAR=([keycloak]=KEYCLOAK_PORT [migrator-service]=MIGRATOR_PORT [bi-service]=BI_PORT
  [metrics-catalog-service]=CATALOG_PORT)
NAMES=(keycloak migrator-service bi-service metrics-catalog-service)
LOCAL="$(pwd)/.local"   # absolute: stop-local.sh recognises its processes by this path
# Written on the databases this script makes: the only ones it drops without FORCE_RECREATE=1.
MARK="created by run-local.sh in $(pwd)"
# How long a process that is alive may take to answer: a loaded machine is slow, not broken.
READY_TIMEOUT=600
ISSUER="http://127.0.0.1:$KEYCLOAK_PORT/realms/moderation"
# Demo-only credentials of the committed local realm (deploy/local/keycloak/moderation-realm.json).
SERVICES_SECRET=demo-only-moderation-services-secret
KEYCLOAK_ADMIN_PASSWORD=admin-demo-only

for var in KEYCLOAK_PORT MIGRATOR_PORT BI_PORT CATALOG_PORT; do
  [[ ${!var} =~ ^[1-9][0-9]{0,4}$ ]] && [ "${!var}" -le 65535 ] || { echo "$var=${!var} is not a port." >&2; exit 1; }
done
[ "$(printf '%s\n' "$KEYCLOAK_PORT" "$MIGRATOR_PORT" "$BI_PORT" "$CATALOG_PORT" | sort -u | wc -l)" -eq 4 ] \
  || { echo "KEYCLOAK_PORT, MIGRATOR_PORT, BI_PORT and CATALOG_PORT must be four different ports." >&2; exit 1; }
[ "$LEGACY_DB" != "$TARGET_DB" ] || { echo "LEGACY_DB and TARGET_DB must differ (both are $LEGACY_DB)." >&2; exit 1; }

choose_jdk
# Every JVM below (the build's too) with the options this JDK needs: no sun.misc.Unsafe warnings on a JDK 24+.
read -r -a JAVA_OPTIONS <<< "$(java_options "$JAVA_HOME")"
export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }${JAVA_OPTIONS[*]}"
ensure_postgres
if [ "$STREAM" = off ]; then
  export MIGRATOR_STREAM_ENABLED=false
elif ! ensure_logical_replication; then
  echo "The migrator will poll the legacy database instead of streaming its changes (STREAM=off says so quietly)." >&2
fi
# A slot's name is the server's, not the database's: one per legacy database, so that people sharing the server don't
# share a slot.
export MIGRATOR_STREAM_SLOT
MIGRATOR_STREAM_SLOT=$(printf '%s' "migrator_$LEGACY_DB" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9_' '_' | cut -c1-63)
./stop-local.sh
mkdir -p "$LOCAL/pids" "$LOCAL/logs"

port_of() { local var=${PORT_VAR[$1]}; echo "${!var}"; }

# fail MESSAGE [NAME]: MESSAGE and the end of NAME's log; everything this script started stopped; exit 1
fail() {
  echo "$1" >&2
  if [ -n "${2:-}" ]; then
    echo "The end of $LOCAL/logs/$2.log:" >&2
    tail -n 30 "$LOCAL/logs/$2.log" >&2
  fi
  ./stop-local.sh
  exit 1
}

# listeners PORT: the inodes of the sockets listening on PORT, on any address (the kernel's tables: no root needed)
listeners() {
  local tables=() table
  for table in /proc/net/tcp /proc/net/tcp6; do [ -r "$table" ] && tables+=("$table"); done
  awk -v port="$(printf ':%04X' "$1")" '$4 == "0A" && substr($2, length($2) - 4) == port { print $10 }' "${tables[@]}"
}

# holder INODE: the pid of a process holding socket INODE (nothing when it is not visible to this user)
holder() { { find /proc/[0-9]*/fd -lname "socket:\[$1\]" -print -quit 2>/dev/null || true; } | cut -d/ -f3; }

# held_by PORT: who listens on PORT, for messages
held_by() {
  local inode pid
  for inode in $(listeners "$1"); do
    pid=$(holder "$inode")
    if [ -n "$pid" ]; then
      echo "pid $pid: $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-160)"
    else
      echo "a process this user cannot see"
    fi
  done | sort -u
}

# alive PID: PID runs (a process that exited but was not yet reaped does not)
alive() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) && [[ ${stat##*) } != Z* ]]; }

# descends PID ANCESTOR: PID is ANCESTOR or one of its descendants
descends() {
  local pid=$1 stat
  while [ "$pid" != "$2" ]; do
    [ "$pid" -gt 1 ] && stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    read -r _ pid _ <<< "${stat##*) }"   # after the program's name (which may hold spaces): state, parent
  done
}

# owned PORT PID: something listens on PORT, and every socket listening on it is held by PID or a descendant
owned() {
  local inodes inode pid
  inodes=$(listeners "$1")
  [ -n "$inodes" ] || return 1
  for inode in $inodes; do
    pid=$(holder "$inode")
    [ -n "$pid" ] && descends "$pid" "$2" || return 1
  done
}

# ensure_free NAME: nothing listens on NAME's port; otherwise exit 1 naming what does
ensure_free() {
  local port; port=$(port_of "$1")
  [ -z "$(listeners "$port")" ] && return
  fail "Port $port (${PORT_VAR[$1]}, for $1) is taken by a process run-local.sh did not start:
$(held_by "$port")
Stop it, or choose another port: ${PORT_VAR[$1]}=… ./run-local.sh"
}

# start NAME COMMAND…: once NAME's port is free, runs COMMAND in its own session in the background, logging to
# .local/logs/NAME.log
start() {
  local name="$1"; shift
  ensure_free "$name"
  setsid "$@" > "$LOCAL/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$LOCAL/pids/$name.pid"
}

# verify NAME: the process started as NAME runs and holds every socket listening on its port, so that what answers
# there is this stack and not another one
verify() {
  local pid port who; pid=$(cat "$LOCAL/pids/$1.pid"); port=$(port_of "$1")
  if ! alive "$pid"; then
    who=$(held_by "$port")
    fail "$1 (pid $pid) is no longer running.${who:+ Port $port is held by: $who}" "$1"
  fi
  owned "$port" "$pid" && return
  who=$(held_by "$port")
  fail "Port $port (${PORT_VAR[$1]}) is not held by the $1 that run-local.sh started (pid $pid) but by:
${who:-nothing}
Stop that, or choose another port: ${PORT_VAR[$1]}=… ./run-local.sh" "$1"
}

# wait_for NAME PATH: until NAME answers 2xx on PATH at its port, for as long as its process is alive (a ceiling of
# READY_TIMEOUT s for one that hangs), then verify NAME; a process that exited fails at once with its log's end
wait_for() {
  local pid port deadline=$((SECONDS + READY_TIMEOUT))
  pid=$(cat "$LOCAL/pids/$1.pid"); port=$(port_of "$1")
  until curl -sf --max-time 10 -o /dev/null "http://127.0.0.1:$port$2"; do
    alive "$pid" || verify "$1"
    [ "$SECONDS" -lt "$deadline" ] || fail "$1 (pid $pid) runs but did not answer http://127.0.0.1:$port$2 within $READY_TIMEOUT s" "$1"
    sleep 1
  done
  verify "$1"
}

# database_state DB: absent, ours (made by this checkout's run-local.sh) or other
database_state() {
  psql -d postgres -XtA -v db="$1" -v mark="$MARK" <<'SQL'
SELECT CASE WHEN d.datname IS NULL THEN 'absent'
            WHEN shobj_description(d.oid, 'pg_database') = :'mark' THEN 'ours' ELSE 'other' END
FROM (SELECT 1) AS one LEFT JOIN pg_database d ON d.datname = :'db'
SQL
}

# claim VAR: the database named by VAR may be dropped: it is absent, ours, or FORCE_RECREATE=1 says so
claim() {
  local db=${!1} state
  state=$(database_state "$db")   # a server that does not answer ends the script here (set -e)
  [ "$state" = other ] && [ "$FORCE_RECREATE" != 1 ] || return 0
  fail "Database $db on $PGHOST:$PGPORT exists and was not made by this checkout's run-local.sh, so it may be \
someone else's: it is left alone. Choose another name ($1=… ./run-local.sh), or drop it and make it anew with \
FORCE_RECREATE=1 ./run-local.sh."
}

# Before the build, so that a taken port or database costs seconds, not minutes; checked again at their use.
for name in "${NAMES[@]}"; do ensure_free "$name"; done
claim LEGACY_DB
claim TARGET_DB

echo "== building (JDK: $JAVA_HOME)"
./mvnw -B -q -DskipTests package

echo "== Keycloak: fetched by Maven into $LOCAL/keycloak, started in dev mode on port $KEYCLOAK_PORT"
./mvnw -B -q -N dependency:unpack@local-keycloak
mkdir -p "$LOCAL/keycloak/data/import"
# The committed realm names the default ports: the dashboard's client must accept the redirect URIs and web origins
# of the ports in use (markers first, so that ports swapped between the services cannot be replaced twice).
sed -E -e 's#(127\.0\.0\.1|localhost):8081\b#\1:@MIGRATOR_PORT@#g' \
  -e 's#(127\.0\.0\.1|localhost):8082\b#\1:@BI_PORT@#g' -e 's#(127\.0\.0\.1|localhost):8083\b#\1:@CATALOG_PORT@#g' \
  -e "s#@MIGRATOR_PORT@#$MIGRATOR_PORT#g; s#@BI_PORT@#$BI_PORT#g; s#@CATALOG_PORT@#$CATALOG_PORT#g" \
  deploy/local/keycloak/moderation-realm.json > "$LOCAL/keycloak/data/import/moderation-realm.json"
# An in-memory database: the realm is imported from the repository's file at every start. Brute-force detection
# stays on, but lets a user's logins run at the same time (Keycloak 26 refuses all but one as user_temporarily_disabled).
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
  JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:+$JAVA_OPTS_APPEND }${JAVA_OPTIONS[*]}" \
  start keycloak "$LOCAL/keycloak/bin/kc.sh" start-dev --http-port "$KEYCLOAK_PORT" --http-host 127.0.0.1 \
  --import-realm --db=dev-mem --spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true

echo "== databases $LEGACY_DB and $TARGET_DB on $PGHOST:$PGPORT (made anew, marked as this checkout's)"
for var in LEGACY_DB TARGET_DB; do
  claim "$var"   # again: someone may have made it during the build
  psql -d postgres -Xq -v ON_ERROR_STOP=1 -v db="${!var}" -v mark="$MARK" <<'SQL'
DROP DATABASE IF EXISTS :"db" WITH (FORCE);
CREATE DATABASE :"db";
COMMENT ON DATABASE :"db" IS :'mark';
SQL
done

echo "== generating the legacy database: $POSTS posts, seed $SEED"
"$JAVA_HOME/bin/java" "${JAVA_OPTIONS[@]}" -jar legacy-generator/target/legacy-generator.jar generate \
  --url "$JDBC/$LEGACY_DB" --user "$PGUSER" --posts "$POSTS" --seed "$SEED" --recreate

export QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET_DB" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
  QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
LEGACY=(QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY_DB" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER"
  QUARKUS_DATASOURCE_LEGACY_PASSWORD="${PGPASSWORD:-}")

echo "== full migration (validation report below)"
set +e
env "${LEGACY[@]}" "$JAVA_HOME/bin/java" "${JAVA_OPTIONS[@]}" -jar migrator-service/target/quarkus-app/quarkus-run.jar \
  run full
status=$?
set -e

# bi-service, and the catalog for the read model, read as login roles in bi_reader (made by the migrator's V5), as in
# production (bi-service's alert states, in its own schema bi_alerts, as the owner here). Demo-only passwords.
psql -d "$TARGET_DB" -qc "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bi_service') THEN
  CREATE ROLE bi_service LOGIN PASSWORD 'bi-service-demo-only' IN ROLE bi_reader; END IF; END \$\$"
psql -d "$TARGET_DB" -qc "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'metrics_catalog_reader')
  THEN CREATE ROLE metrics_catalog_reader LOGIN PASSWORD 'metrics-catalog-reader-demo-only' IN ROLE bi_reader; END IF;
  END \$\$"

echo "== waiting for Keycloak"
wait_for keycloak /realms/moderation/.well-known/openid-configuration

echo "== starting migrator-service ($MIGRATOR_PORT, streaming legacy changes), bi-service ($BI_PORT), metrics-catalog-service ($CATALOG_PORT)"
export QUARKUS_OIDC_AUTH_SERVER_URL="$ISSUER" QUARKUS_OIDC_CLIENT_ID=moderation-services QUARKUS_HTTP_HOST=127.0.0.1
start migrator-service env "${LEGACY[@]}" QUARKUS_HTTP_PORT="$MIGRATOR_PORT" \
  "$JAVA_HOME/bin/java" "${JAVA_OPTIONS[@]}" -jar "$(pwd)/migrator-service/target/quarkus-app/quarkus-run.jar"
start bi-service env QUARKUS_HTTP_PORT="$BI_PORT" QUARKUS_REST_CLIENT_METRICS_CATALOG_URL="http://127.0.0.1:$CATALOG_PORT" \
  QUARKUS_DATASOURCE_USERNAME=bi_service QUARKUS_DATASOURCE_PASSWORD=bi-service-demo-only \
  QUARKUS_DATASOURCE_ALERTS_USERNAME="$PGUSER" QUARKUS_DATASOURCE_ALERTS_PASSWORD="${PGPASSWORD:-}" \
  BI_ALERTS_CLIENT_TOKEN_URL="$ISSUER/protocol/openid-connect/token" BI_ALERTS_CLIENT_CLIENT_ID=bi-alerts-evaluator \
  BI_ALERTS_CLIENT_CLIENT_SECRET=demo-only-bi-alerts-evaluator-secret \
  "$JAVA_HOME/bin/java" "${JAVA_OPTIONS[@]}" -jar "$(pwd)/bi-service/target/quarkus-app/quarkus-run.jar"
start metrics-catalog-service env QUARKUS_HTTP_PORT="$CATALOG_PORT" QUARKUS_DATASOURCE_READMODEL_JDBC_URL="$JDBC/$TARGET_DB" \
  QUARKUS_DATASOURCE_READMODEL_USERNAME=metrics_catalog_reader \
  QUARKUS_DATASOURCE_READMODEL_PASSWORD=metrics-catalog-reader-demo-only \
  "$JAVA_HOME/bin/java" "${JAVA_OPTIONS[@]}" -jar "$(pwd)/metrics-catalog-service/target/quarkus-app/quarkus-run.jar"
wait_for migrator-service /q/health/ready
wait_for bi-service /q/health/ready
wait_for metrics-catalog-service /q/health/ready

# token USER PASSWORD: an access token from Keycloak (password grant, for this check and for curl only)
token() {
  curl -sf -d grant_type=password -d client_id=moderation-services -d client_secret="$SERVICES_SECRET" \
    -d username="$1" -d password="$2" "$ISSUER/protocol/openid-connect/token" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}
field() { grep -o "\"$1\":[^,}]*" | head -1 | cut -d: -f2; }
scope() { sed -nE 's/.*"scope":(\{[^}]*\}).*/\1/p'; }

MIGRATOR="http://127.0.0.1:$MIGRATOR_PORT" BI="http://127.0.0.1:$BI_PORT" CATALOG="http://127.0.0.1:$CATALOG_PORT"
# The window of the migrator's headline "submitted … (the 30 UTC days up to and including today)", so the two agree.
TODAY=$(date -u +%F)
FROM=$(date -u -d "$TODAY - 29 days" +%F)
WINDOW="from=$FROM&to=$(date -u -d "$TODAY + 1 day" +%F)"
echo "== the services with Keycloak's tokens: submitted $FROM .. $TODAY (the 30 UTC days up to and including today)"
refused() { echo "$1 did not accept Keycloak's token of $2; the stack keeps running, see $LOCAL/logs" >&2; exit 1; }
ADMIN_TOKEN=$(token superadmin superadmin-demo-only)
curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN_TOKEN" "$MIGRATOR/api/v1/runs" || refused migrator-service superadmin
ADMIN_OVERVIEW=$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "$BI/api/v1/overview?$WINDOW") \
  || refused bi-service superadmin
MANAGER_TOKEN=$(token manager manager-demo-only)
MANAGER_OVERVIEW=$(curl -sf -H "Authorization: Bearer $MANAGER_TOKEN" "$BI/api/v1/overview?$WINDOW") \
  || refused bi-service manager
OUTSIDE=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $MANAGER_TOKEN" \
  "$BI/api/v1/overview?$WINDOW&community=paris-vigilance")
echo "superadmin: submissions $(field submissions <<< "$ADMIN_OVERVIEW"), removed $(field removed <<< "$ADMIN_OVERVIEW"), scope $(scope <<< "$ADMIN_OVERVIEW")"
echo "manager:    submissions $(field submissions <<< "$MANAGER_OVERVIEW"), removed $(field removed <<< "$MANAGER_OVERVIEW"), scope $(scope <<< "$MANAGER_OVERVIEW")"
echo "manager asking for paris-vigilance (not theirs): HTTP $OUTSIDE"
# Through bi-service, which fetches the definition from the catalog with the manager's token.
RATE=$(curl -sf -H "Authorization: Bearer $MANAGER_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"from\": \"$FROM\", \"to\": \"$(date -u -d "$TODAY + 1 day" +%F)\"}" \
  "$BI/api/v1/metrics/removal_rate/query") || refused "bi-service (with the catalog)" manager
# The latest removal_rate counts takedowns within 14 days of submission: most of these 30 days are younger (immature).
echo "manager, catalog metric removal_rate v$(field version <<< "$RATE"): $(grep -o '"value":[^,}]*' <<< "$RATE" | head -1 | cut -d: -f2) (the overview's removalRate: $(field removalRate <<< "$MANAGER_OVERVIEW"))"

# The stream connects within seconds of the migrator's start (it is created by the full load above).
for _ in $(seq 1 60); do
  STREAM_STATE=$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "$MIGRATOR/api/v1/stream" || true)
  [ "$(field live <<< "$STREAM_STATE")" = true ] || [ "$STREAM" = off ] && break
  sleep 1
done
echo "legacy changes reach the numbers: $(field freshness <<< "$STREAM_STATE" | tr -d '"')" \
  "(stream $(field status <<< "$STREAM_STATE" | tr -d '"'))"

# Whatever answered above, it is this stack only if each process it started still holds its port.
for name in "${NAMES[@]}"; do verify "$name"; done
cat <<EOF

== The local stack is running (stop it with ./stop-local.sh; logs in $LOCAL/logs)
  Dashboard          $BI/dashboard/   (log in as a demo user below)
  Keycloak           http://127.0.0.1:$KEYCLOAK_PORT/admin/   (realm moderation; console user admin / $KEYCLOAK_ADMIN_PASSWORD)
  migrator-service   $MIGRATOR/api/v1/runs   Swagger UI $MIGRATOR/q/swagger-ui
  bi-service         $BI/api/v1/overview?$WINDOW   Swagger UI $BI/q/swagger-ui
  metrics catalog    $CATALOG/api/v1/metrics   Swagger UI $CATALOG/q/swagger-ui (Authorize: moderation-dashboard, PKCE)
  databases          $LEGACY_DB, $TARGET_DB on $PGHOST:$PGPORT
Demo users (demo-only passwords of the local realm):
  superadmin / superadmin-demo-only   every community; the migrator's admin API
  manager    / manager-demo-only      community-manager of berlin-online-watch and vienna-monitoring
A token for curl:
  curl -s -d grant_type=password -d client_id=moderation-services -d client_secret=$SERVICES_SECRET \\
    -d username=superadmin -d password=superadmin-demo-only $ISSUER/protocol/openid-connect/token
EOF
[ "$status" -eq 0 ] || echo "Note: the full migration's validation did not pass (exit $status); see its report above."
exit $status
