#!/usr/bin/env bash
# Builds the harness and runs the fleet benchmark (several simulators behind lb://, Spring Cloud
# LoadBalancer); rewrites benchmarks/FLEET-RESULTS.md. Loopback only, about 5 minutes.
# Extra Maven arguments (such as -o for an offline build) go in MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -DskipTests ${MVN_ARGS:-} -pl benchmarks/harness -am package
exec java -Xmx1g -Djava.net.preferIPv4Stack=true \
  -cp "benchmarks/harness/target/classes:benchmarks/harness/target/lib/*" \
  io.github.mlxlm.bench.FleetBenchMain benchmarks
