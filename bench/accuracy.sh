#!/usr/bin/env bash
# Accuracy harness: our key-tone detector (16/24 kHz) vs spandsp (8 kHz), our VAD vs WebRTC VAD, on a generated
# corpus. One command from the repository root:  bench/accuracy.sh [--quick]
# Needs Debian packages libspandsp-dev, espeak-ng, sox and gcc (installed here when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for pkg in libspandsp-dev espeak-ng sox gcc; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need[*]} (apt-get install -y ${need[*]})" >&2; exit 1
  fi
fi
# package, not install: nothing of this checkout lands in the local repository other builds read.
mvn -B -q package -DskipTests -pl bench -am
mkdir -p bench/target
gcc -O2 -o bench/target/spandsp_oracle bench/src/main/c/spandsp_oracle.c -lspandsp
exec java -Xmx4g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openivr.bench.Accuracy "$@"
