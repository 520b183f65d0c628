#!/usr/bin/env bash
# Builds what the benchmarks need and runs all of them; rewrites benchmarks/RESULTS.md.
# Section 8 (several servers) is copied from benchmarks/FLEET-RESULTS.md: benchmarks/fleet.sh
# measures it (about 3 minutes more).
# --quick: 2 repetitions instead of 5 and no concurrency, scale or footprint sections (a few
# minutes, for iterating); it writes benchmarks/harness/target/RESULTS-quick.md, never RESULTS.md.
# Only loopback traffic; Maven Central is the only remote the build touches.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
if [ "${1:-}" = "--quick" ]; then
  quick=true
fi
# The sample app's jar is the relay of the scale section.
./mvnw -B -q -Pbench -DskipTests \
  -pl benchmarks/harness,benchmarks/startup-plain,benchmarks/startup-mlxlm,benchmarks/startup-spring-ai,benchmarks/footprint-mlxlm,benchmarks/footprint-spring-ai,sample-app \
  -am package
exec java -Xmx1g -Djava.net.preferIPv4Stack=true -Djmh.ignoreLock=true \
  -Dbench.quick="$quick" -Dbench.command="benchmarks/run.sh${1:+ $1}" \
  -cp "benchmarks/harness/target/classes:benchmarks/harness/target/lib/*" \
  io.github.mlxlm.bench.BenchMain benchmarks
