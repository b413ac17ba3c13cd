#!/usr/bin/env bash
# Benchmark (not a test): full load of N legacy posts (default 1,000,000) through `run full`, side by side
# with a plain PostgreSQL COPY of the very rows that load produced, into an empty copy of the same schema,
# on the same machine in the same run. Prints the figures BENCHMARKS.md quotes.
#   bench/full-load.sh [POSTS]        env: see bench/lib.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LOG_FORMAT='%d{HH:mm:ss.SSS} %-5p %s%e%n'
source bench/lib.sh

POSTS="${1:-1000000}"
TARGET="${RUN}_target" BASELINE="${RUN}_copy"
create_databases "$TARGET" "$BASELINE"

echo "== generating $POSTS legacy posts (seed $SEED)"
start=$(date +%s.%N)
generate_legacy "$POSTS"
echo "generation: $(echo "$(date +%s.%N) - $start" | bc) s"

echo "== full load (JAVA_OPTS=$JAVA_OPTS; load average: $(uptime | sed 's/.*load average: //'))"
set +e
MIGRATOR_PROGRESS_INTERVAL=1s migrator "$TARGET" run full > "$WORK/run.log" 2>&1
status=$?
set -e
grep -E "started:|writer connection|phases|built from the rules|posts looked at|reconciled|validation of run" \
  "$WORK/run.log" | sed -E 's/^[0-9:.]+ INFO  //' || true
read -r wall rss_kib < "$WORK/time.$TARGET"
echo "run full: exit $status, wall ${wall} s, peak RSS $((rss_kib / 1024)) MiB"
run_seconds=$(psql -d "$TARGET" -tAc "SELECT round(extract(epoch FROM finished_at - started_at)::numeric, 1)
                                      FROM migration_runs ORDER BY id DESC LIMIT 1")
echo "run full: run start to end ${run_seconds} s"
# The load's rate in its first and its last tenth, from the progress lines (one a second) up to the end of the load:
# posts read and the time.
awk -v total="$POSTS" '
  function seconds(t) { split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
  / started: / && !start { start = seconds($1) }
  / built from the rules| reconciled / { loaded = 1 }
  / posts read / && !loaded { n = $5; gsub(",", "", n); n += 0; t = seconds($1)
                   if (!t10 && n >= total / 10) { t10 = t; n10 = n }
                   if (!t90 && n >= total * 9 / 10) { t90 = t; n90 = n }
                   if (n > nlast) { nlast = n; tlast = t } }
  END { first = n10 / (t10 - start); last = (nlast - n90) / (tlast - t90)
        printf "posts/s: first tenth %.0f, last tenth %.0f (last / first = %.2f)\n", first, last, last / first }
' "$WORK/run.log"

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
echo "run start to end / plain COPY = $(echo "scale=2; $run_seconds / $copy_seconds" | bc)"
echo "posts/s (load phase) = $(echo "scale=0; $POSTS / $load_seconds" | bc)"
echo "load average after: $(uptime | sed 's/.*load average: //')"
