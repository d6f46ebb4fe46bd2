#!/usr/bin/env bash
# Loopback load driver for the media WebSocket: N concurrent real-time 16 kHz streams against the streaming
# worker's endpoint on 127.0.0.1, reporting p50/p99 added latency. From the repository root:
#   bench/load.sh [seconds-per-step] [streams ...]      (default: 20 s at 100 200 400 streams)
set -euo pipefail
cd "$(dirname "$0")/.."
# package, not install: nothing of this checkout lands in the local repository other builds read.
mvn -B -q package -DskipTests -pl bench -am
exec java -Xmx2g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openivr.bench.LoadDriver "$@"
