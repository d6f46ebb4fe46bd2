#!/usr/bin/env bash
# JMH benchmarks of the streaming worker's per-frame path. From the repository root:
#   bench/jmh.sh                 # all four benchmarks at 16 and 24 kHz
#   bench/jmh.sh -prof gc        # plus bytes allocated per frame
set -euo pipefail
cd "$(dirname "$0")/.."
# package, not install: nothing of this checkout lands in the local repository other builds read.
mvn -B -q package -DskipTests -pl bench -am
exec java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openjdk.jmh.Main FramePathBenchmark "$@"
