# Sourced by .ci/run and run-local.sh: makes sure a JDK 21+ and a PostgreSQL server are there (and, for CI, Chromium
# for the browser test and kubectl for deploy-check).
# PGHOST/PGPORT/PGUSER choose the server (default 127.0.0.1:5432, user postgres, no password); JDK_DIRS where JDKs are
# looked for besides JAVA_HOME and the java on the path (default /usr/lib/jvm; several separated by spaces).

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

# A JDK's major version from its release file, read by the shell itself (no JVM, no sed: ./migrator's start-up counts
# every process it starts), else from java -version.
java_major() {
  local line
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then echo "${BASH_REMATCH[1]}"; return; fi
    done < "$1/release"
  fi
  "$1/bin/java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'
}

choose_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then return; fi
  local candidate
  if command -v java >/dev/null; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then export JAVA_HOME="$candidate"; return; fi
  fi
  local dir
  for dir in ${JDK_DIRS:-/usr/lib/jvm}; do
    for candidate in "$dir"/*; do
      if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
        export JAVA_HOME="$candidate"; return
      fi
    done
  done
  local found=""
  if [ -n "${JAVA_HOME:-}" ]; then found=" (JAVA_HOME=$JAVA_HOME is Java $(java_major "$JAVA_HOME" || true))"; fi
  echo "No JDK 21 or newer found$found: install one (e.g. apt-get install openjdk-21-jdk) or point JAVA_HOME at one." >&2
  exit 1
}

# The JVM options the JDK at $1 needs for this repository's JVMs: from JDK 24 on, the JVM warns on the first use of
# sun.misc.Unsafe's memory access, which Netty (under every Quarkus service, Keycloak and the Quarkus build) makes at
# start, and Quarkus asks for that access to be allowed (netty.io/wiki/java-24-and-sun.misc.unsafe.html). JDK 23 knows
# the option, 21 and 22 refuse it: nothing for them.
java_options() {
  if [ "$(java_major "$1")" -ge 23 ] 2>/dev/null; then echo "--sun-misc-unsafe-memory-access=allow"; fi
}

postgres_up() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }

ensure_postgres() {
  postgres_up && return
  if [ "$PGHOST" != 127.0.0.1 ] && [ "$PGHOST" != localhost ]; then
    echo "PostgreSQL at $PGHOST:$PGPORT does not answer." >&2; exit 1
  fi
  if ! command -v pg_ctlcluster >/dev/null; then
    echo "PostgreSQL is not installed: installing it with apt-get (tests need a real server)."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    local version; version=$(ls /etc/postgresql | sort -V | tail -1)
    # A machine we set up ourselves for local runs and tests: trust loopback connections, as the tests expect.
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "/etc/postgresql/$version/main/pg_hba.conf"
  fi
  local version
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  done
  for _ in $(seq 1 30); do postgres_up && return; sleep 1; done
  echo "PostgreSQL did not come up on $PGHOST:$PGPORT." >&2
  exit 1
}

# The migrator streams legacy changes through logical replication: the server needs wal_level=logical, which takes a
# restart. A local server is set so (the restart ends the sessions open on it); another one is only told about
# (status 1).
ensure_logical_replication() {
  local level
  level=$(psql -d postgres -XAtqc "SHOW wal_level")
  [ "$level" = logical ] && return
  if [ "$PGHOST" != 127.0.0.1 ] && [ "$PGHOST" != localhost ]; then
    echo "PostgreSQL at $PGHOST:$PGPORT runs with wal_level=$level; streaming legacy changes needs logical:" \
      "ALTER SYSTEM SET wal_level = logical, then restart it." >&2
    return 1
  fi
  echo "PostgreSQL runs with wal_level=$level: setting it to logical and restarting it (the migrator streams changes)."
  psql -d postgres -XAtqc "ALTER SYSTEM SET wal_level = logical" >/dev/null
  local version
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  done
  for _ in $(seq 1 30); do postgres_up && return; sleep 1; done
  echo "PostgreSQL did not come back on $PGHOST:$PGPORT after its restart." >&2
  exit 1
}

# The dashboard's browser test drives Debian's Chromium through its chromedriver; without them it fails, never skips.
ensure_chromium() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null && return
  echo "Chromium is not installed: installing chromium and chromium-driver with apt-get (the dashboard's browser test)."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}

# deploy-check renders deploy/ with `kubectl kustomize`; it needs kustomize v5 (kubectl 1.27 or newer).
ensure_kubectl() {
  command -v kubectl >/dev/null && return
  echo "kubectl is not installed: installing it with apt-get (deploy-check renders deploy/ with it)."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl >/dev/null || true
  command -v kubectl >/dev/null && return
  echo "No kubectl: install kubectl 1.27 or newer (Debian's kubernetes-client is too old for deploy/)." >&2
  exit 1
}

# deploy-check runs `promtool check rules` on the rendered PrometheusRules (Debian's prometheus package has it).
ensure_promtool() {
  command -v promtool >/dev/null && return
  echo "promtool is not installed: installing Debian's prometheus package (deploy-check checks the alert rules with it)."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus \
    >/dev/null || true
  command -v promtool >/dev/null && return
  echo "No promtool: install Prometheus' promtool 2.42 or newer." >&2
  exit 1
}

# CI runs the suite on a busy machine on purpose: every wait in the tests must follow its process, not a clock.
ensure_stress_ng() {
  command -v stress-ng >/dev/null && return
  echo "stress-ng is not installed: installing it with apt-get (CI runs the suite beside artificial load)."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null
}
