#!/usr/bin/env bash
# Benchmark (not a test): two builds of bi-service on one loaded read model, interleaved so that a machine that slows
# down slows both. Both run at once (A on 18082, B on 18092, one catalog, nothing kept); each shape of the overview
# dashboard's view is asked N times (40) by one client against A, then against B, REPS times (3); a line per shape with
# the median latency in ms of each run. One client: what a request costs, not how 32 of them queue on two cores.
#   bench/shapes-ab.sh APP_A APP_B    each APP a directory holding bi/ and catalog/ (copies of target/quarkus-app)
#   env: TARGET (a database loaded by full_load, e.g. bench/lib.sh's commands by hand), N, REPS
set -uo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
TARGET="${TARGET:?a loaded read model database}"
BENCH_DATABASES=()
dashboard_callers "$TARGET"
SHAPES=()
for zone in Europe/Berlin America/New_York Asia/Kolkata; do
  for window in "7 day" "30 day" "90 day" "365 month"; do
    for who in superadmin manager-1 manager-3; do SHAPES+=("$zone $window none $who"); done
  done
done
SHAPES+=("UTC 30 day none manager-3" "UTC 90 day none superadmin")
PIDS=()
trap 'kill ${PIDS[*]} 2>/dev/null; rm -rf "$WORK"' EXIT
start_packaged catalog 18083 "$1/catalog/quarkus-run.jar" \
  QUARKUS_DATASOURCE_READMODEL_JDBC_URL="$JDBC/$TARGET" QUARKUS_DATASOURCE_READMODEL_USERNAME="$PGUSER"
PIDS+=($STARTED_PID)
start_packaged biA 18082 "$1/bi/quarkus-run.jar" BI_KEPT_VALUES=0 QUARKUS_REST_CLIENT_METRICS_CATALOG_URL=http://127.0.0.1:18083 \
  QUARKUS_MANAGEMENT_PORT=19000
PIDS+=($STARTED_PID)
start_packaged biB 18092 "$2/bi/quarkus-run.jar" BI_KEPT_VALUES=0 QUARKUS_REST_CLIENT_METRICS_CATALOG_URL=http://127.0.0.1:18083 \
  QUARKUS_MANAGEMENT_PORT=19001
PIDS+=($STARTED_PID)
# median URL TOKEN: the median latency of N requests by one client, in ms
median() { hey -n "${N:-40}" -c 1 -H "Authorization: Bearer $2" "$1" | awk '/50%% in|50% in/ {print $3 * 1000}'; }
for pass in warm measure; do
  for shape in "${SHAPES[@]}"; do
    read -r zone days grain compare who <<< "$shape"
    p=$(overview_view "$zone" "$days" "$grain" "$compare")
    a=() b=()
    for rep in $(seq 1 "${REPS:-3}"); do
      a+=($(N=$([ $pass = warm ] && echo 10 || echo ${N:-40}) median "http://127.0.0.1:18082$p" "${TOKENS[$who]}"))
      b+=($(N=$([ $pass = warm ] && echo 10 || echo ${N:-40}) median "http://127.0.0.1:18092$p" "${TOKENS[$who]}"))
    done
    [ $pass = measure ] && echo "$shape A ${a[*]} B ${b[*]}"
  done
done
