#!/usr/bin/env bash
# Benchmark (not a test): on a full-loaded base of N legacy posts (default 1,000,000), deltas after 0.1 %, 1 % and
# 10 % of the posts changed; the load phase and the read-model refresh timed separately (from the run's log).
#   bench/delta.sh [POSTS]        env: see bench/lib.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

POSTS="${1:-1000000}"
TARGET="${RUN}_target"
create_databases "$TARGET"
generate_legacy "$POSTS"

phases() { grep -E "phases|looked at|started:" "$1" | sed -E 's/^[0-9:]+ INFO  //'; }

echo "== full load of the base"
migrator "$TARGET" run full > "$WORK/full.log" 2>&1
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
  migrator "$TARGET" run delta > "$WORK/delta.log" 2>&1
  echo "wall (JVM start to exit): $(echo "$(date +%s.%N) - $start" | bc) s"
  phases "$WORK/delta.log"
done
