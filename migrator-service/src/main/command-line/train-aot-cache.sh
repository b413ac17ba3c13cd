#!/usr/bin/env bash
# The command line's JDK AOT cache from a training run (the build calls this after the command-line package, on a
# JDK 25+): a full load of a small generated legacy database into a throw-away target, 2 % of its posts changed,
# then `run delta` recorded with -XX:AOTCacheOutput. The cache so holds the classes a real run loads and links (the
# database driver, Flyway's check, the load, reconciliation and validation), not only Quarkus' start.
# Usage: train-aot-cache.sh JAVA_HOME COMMAND_LINE_DIR GENERATOR_JAR. The JVM options are the launcher's
# (jvm.options beside this script). PGHOST/PGPORT/PGUSER/PGPASSWORD choose the server (default 127.0.0.1:5432,
# postgres); without one, or without the generator's jar, it says so and makes no cache (./migrator then starts the
# service's package). A run that fails fails the build: a training run is a real end-to-end run.
set -euo pipefail
JAVA="$1/bin/java"
DIR="$2"
GENERATOR="$3"
OPTIONS="$(cd "$(dirname "$0")" && pwd)/jvm.options"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
rm -f "$DIR/app.aot"

if ! command -v psql >/dev/null || ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
  echo "[WARNING] No PostgreSQL at $PGHOST:$PGPORT: the command line's AOT cache is not made (./migrator starts without it)."
  exit 0
fi
if [ ! -f "$GENERATOR" ]; then
  echo "[WARNING] No $GENERATOR (build with -am): the command line's AOT cache is not made."
  exit 0
fi

RUN="aot_training_$(date +%s)_$$"
LEGACY="${RUN}_legacy"
TARGET="${RUN}_target"
cleanup() {
  for db in "$LEGACY" "$TARGET"; do psql -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
}
trap cleanup EXIT
psql -d postgres -qc "CREATE DATABASE $LEGACY"
psql -d postgres -qc "CREATE DATABASE $TARGET"
JDBC="jdbc:postgresql://$PGHOST:$PGPORT"
"$JAVA" -jar "$GENERATOR" generate --url "$JDBC/$LEGACY" --user "$PGUSER" --posts 2000 --seed 42 --recreate >/dev/null

export QUARKUS_DATASOURCE_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_USERNAME="$PGUSER"
export QUARKUS_DATASOURCE_LEGACY_JDBC_URL="$JDBC/$LEGACY" QUARKUS_DATASOURCE_LEGACY_USERNAME="$PGUSER"
export QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" QUARKUS_DATASOURCE_LEGACY_PASSWORD="${PGPASSWORD:-}"
# A throw-away legacy database needs no replication slot (slot names are the server's, shared by every database).
export MIGRATOR_STREAM_ENABLED=false
# The cache holds the class path as the run gave it: the launcher starts migrator.jar from this directory too.
cd "$DIR"
# run LOG [JVM option] -- COMMAND…
run() {
  local log="$1" jvm=(); shift
  while [ "$1" != -- ]; do jvm+=("$1"); shift; done; shift
  # Quarkus' log manager: a legacy-jar's main does not set it (./migrator passes it too).
  if ! "$JAVA" @"$OPTIONS" -Djava.util.logging.manager=org.jboss.logmanager.LogManager "${jvm[@]}" -jar migrator.jar \
      "$@" > "$log" 2>&1; then
    echo "[ERROR] The AOT training run failed ($DIR/$log):"; tail -20 "$log"; exit 1
  fi
}
run aot-training-full.log -- run full
psql -d "$LEGACY" -qc "UPDATE posts SET status = CASE status WHEN 'reported' THEN 'removed' ELSE 'reported' END
                        WHERE id % 50 = 7"
psql -d "$LEGACY" -qc "INSERT INTO post_reports (post_id, reported_at, taken_down_at, updated_at)
                        SELECT id, now(), now(), now() FROM posts WHERE id % 500 = 7"
run aot-training-delta.log -XX:AOTCacheOutput=app.aot -- run delta
echo "[INFO] The command line's AOT cache: $DIR/app.aot ($(du -m app.aot | cut -f1) MB, trained on run delta)"
