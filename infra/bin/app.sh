#!/bin/sh
# The CDK app command (cdk.json): runs the compiled app on the classpath Maven wrote at package time, so
# `cdk synth` does not start Maven. Needs Java 21+ (JAVA_HOME or PATH) and `./mvnw -pl infra -am package`.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f target/classpath.txt ] || [ ! -d target/classes ]; then
  echo "infra is not built: run ../mvnw -pl infra -am package -DskipTests from the repository root" >&2
  exit 1
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -cp "target/classes:$(cat target/classpath.txt)" fr.eterrain.infra.EterrainApp "$@"
