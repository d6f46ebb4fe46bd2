#!/usr/bin/env bash
# The per-frame benchmarks of bench/jmh.sh timed in CPU time of the measuring thread (for a shared, busy machine,
# where JMH's wall-clock figures mostly measure the neighbours). From the repository root: bench/cputime.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# package, not install: nothing of this checkout lands in the local repository other builds read.
mvn -B -q package -DskipTests -pl bench -am
exec java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openivr.bench.FramePathCpuTime "$@"
