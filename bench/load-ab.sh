#!/usr/bin/env bash
# Benchmark (not a test): the migrator's full load and a 0.1 % delta at two commits, A and B, on one legacy base of N
# posts (default 1,000,000) over COMMUNITIES communities (default 50): what a change to the read model (more
# pre-aggregations kept in each chunk's transaction) costs the write path. Each commit's migrator is built in a
# worktree of its own and loads a target database of its own from the same legacy database. ROUNDS rounds (default 1)
# of: full load A, full load B (each followed by VACUUM ANALYZE, as autovacuum would), then 0.1 % of the posts changed
# as bench/delta.sh changes them, delta A, delta B (`run delta` on the command line: a new JVM each, the same for
# both); B goes first in even rounds. Prints each run's phases as the migrator logs them.
#   bench/load-ab.sh REV_A REV_B [POSTS]   env: see bench/lib.sh; COMMUNITIES (50), ROUNDS (1)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '9p' "$0"; exit 2; }
source bench/lib.sh
declare -A REVS=([a]="$(git rev-parse --short "$1")" [b]="$(git rev-parse --short "$2")")
POSTS="${3:-1000000}"

trap 'for side in a b; do git worktree remove --force "$WORK/tree-$side" 2>/dev/null || true; done; cleanup' EXIT
for side in a b; do
  tree="$WORK/tree-$side"
  git worktree add -q --detach "$tree" "${REVS[$side]}"
  (cd "$tree" && ./mvnw -B -q -o -DskipTests package -pl migrator-service -am)
done

generate_legacy "$POSTS"
spread_communities "${COMMUNITIES:-50}"

# run SIDE TARGET KIND: the side's migrator's run of KIND into TARGET; its phases and its own duration
run() {
  MIGRATOR_JAR="$WORK/tree-$1/migrator-service/target/quarkus-app/quarkus-run.jar" \
    migrator "$2" run "$3" > "$WORK/$1.$3.log" 2>&1 || { echo "  $1 $3 failed:"; tail -30 "$WORK/$1.$3.log"; exit 1; }
  echo "  $1 (${REVS[$1]}) $3: $(grep -oE "run [0-9]+ phases: .*" "$WORK/$1.$3.log" | sed -E 's/run [0-9]+ //');" \
    "$(grep -oE "run $3 took [0-9.]+ s once the application had started" "$WORK/$1.$3.log")"
}

step=0
for round in $(seq 1 "${ROUNDS:-1}"); do
  sides="a b"
  [ $((round % 2)) = 0 ] && sides="b a"
  echo "== round $round: full loads"
  for side in $sides; do
    target="${RUN}_${side}_${round}"
    create_databases "$target"
    run "$side" "$target" full
    psql -d "$target" -qc "VACUUM ANALYZE"
  done
  step=$((step + 1))
  every=1000
  psql -d "$LEGACY" -qc "UPDATE posts SET status = CASE status WHEN 'reported' THEN 'removed' ELSE 'reported' END
                          WHERE id % $every = $step"
  psql -d "$LEGACY" -qc "INSERT INTO post_reports (post_id, reported_at, taken_down_at, updated_at)
                          SELECT id, now(), now(), now() FROM posts WHERE id % ($every * 10) = $step"
  echo "== round $round: deltas after 0.1 % of the posts changed"
  for side in $sides; do
    run "$side" "${RUN}_${side}_${round}" delta
  done
done
