#!/usr/bin/env bash
# Builds what the benchmarks need and runs all of them; rewrites benchmarks/RESULTS.md.
# Section 8 (several servers) is copied from benchmarks/FLEET-RESULTS.md: benchmarks/fleet.sh
# measures it (about 3 minutes more).
# Only loopback traffic; Maven Central is the only remote the build touches.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -DskipTests \
  -pl benchmarks/harness,benchmarks/startup-plain,benchmarks/startup-mlxlm,benchmarks/startup-spring-ai,benchmarks/footprint-mlxlm,benchmarks/footprint-spring-ai \
  -am package
exec java -Xmx1g -Djava.net.preferIPv4Stack=true -Djmh.ignoreLock=true \
  -Dbench.command="benchmarks/run.sh" \
  -cp "benchmarks/harness/target/classes:benchmarks/harness/target/lib/*" \
  io.github.mlxlm.bench.BenchMain benchmarks
