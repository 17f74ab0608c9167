#!/usr/bin/env bash
# Memory proof for the blob paths: a 1 GiB value PUT through one node and read back from every
# node, every node a JVM with -Xmx256m (launcher test OneGibibyteValueTest, opt-in). Prints the PUT
# and first GET times and each node's peak RSS; appends them to bench/results/blob-1gib.txt.
# Needs an installed build: mvn -q -B -o -pl modules/web,launcher install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
OUT=bench/results; mkdir -p "$OUT"
started=$(date +%s)
mvn -q -B -o -pl launcher surefire:test -Dtest=OneGibibyteValueTest -Dconfman.oneGibibyteTest=true
line=$(grep -h '1 GiB value' launcher/target/surefire-reports/*OneGibibyteValueTest-output.txt | tail -2 | paste -sd ';' -)
echo "$(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg): $line; whole run $(( $(date +%s) - started )) s" \
    | tee -a "$OUT/blob-1gib.txt"
