#!/usr/bin/env bash
# Benchmark (not a test): full load of N legacy posts (default 1,000,000) through `run full`, side by side
# with a plain PostgreSQL COPY of the very rows that load produced, into an empty copy of the same schema,
# on the same machine in the same run. Prints the figures BENCHMARKS.md quotes.
#   bench/full-load.sh [POSTS]        env: see bench/lib.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

POSTS="${1:-1000000}"
TARGET="${RUN}_target" BASELINE="${RUN}_copy"
create_databases "$TARGET" "$BASELINE"

echo "== generating $POSTS legacy posts (seed $SEED)"
start=$(date +%s.%N)
generate_legacy "$POSTS"
echo "generation: $(echo "$(date +%s.%N) - $start" | bc) s"

echo "== full load (JAVA_OPTS=$JAVA_OPTS)"
set +e
migrator "$TARGET" run full > "$WORK/run.log" 2>&1
status=$?
set -e
grep -E "phases|posts read|reconciled|validation of run" "$WORK/run.log" || true
read -r wall rss_kib < "$WORK/time.$TARGET"
echo "run full: exit $status, wall ${wall} s, peak RSS $((rss_kib / 1024)) MiB"

echo "== baseline: plain COPY of the same target rows into an empty copy of the schema"
# Migrate the baseline database to the same schema (Flyway, no load), then copy every table the load wrote.
migrator "$BASELINE" migrate > /dev/null
TABLES="communities users submissions post_data submission_metadata legacy_raw analysis hashtags submission_hashtags
        categories submission_categories reports id_mappings"
rows=0
for table in $TABLES; do
  psql -d "$TARGET" -qc "\\copy $table TO '$WORK/$table.copy'"
  rows=$((rows + $(wc -l < "$WORK/$table.copy")))
done
start=$(date +%s.%N)
for table in $TABLES; do
  psql -d "$BASELINE" -qc "\\copy $table FROM '$WORK/$table.copy'"
done
copy_seconds=$(echo "$(date +%s.%N) - $start" | bc)
echo "plain COPY: $rows rows in $copy_seconds s"
load_seconds=$(sed -nE 's/.*phases: load ([0-9.]+) s.*/\1/p' "$WORK/run.log")
echo "load phase / plain COPY = $(echo "scale=2; $load_seconds / $copy_seconds" | bc)"
echo "posts/s (load phase) = $(echo "scale=0; $POSTS / $load_seconds" | bc)"
