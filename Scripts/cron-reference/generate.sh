#!/usr/bin/env bash
# Installs the cron references and regenerates Tests/JobBridgeTests/Schedule/Fixtures/Cron/*.json.
# Needs root on Debian 12 (apt) and pip. Usage: Scripts/cron-reference/generate.sh [cronsim robfig croniter airflow quartz]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v go >/dev/null || [ ! -d /usr/share/gocode/src/github.com/robfig/cron ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go golang-github-robfig-cron-dev \
        golang-github-gorhill-cronexpr-dev
fi
if [ ! -f /usr/share/java/quartz2.jar ] || ! command -v javac >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless libquartz2-java
fi
mkdir -p "$here/.build/java"
javac -cp /usr/share/java/quartz2.jar -d "$here/.build/java" "$here/QuartzRuns.java"
python3 -c "import croniter, cronsim, pendulum" 2>/dev/null || pip install -q croniter==7.0.0 cronsim==2.8 pendulum
mkdir -p "$here/.build/gopath"
GO111MODULE=off GOPATH="$here/.build/gopath:/usr/share/gocode" GOCACHE="$here/.build/gocache" \
    go build -o "$here/.build/robfig_runs" "$here/robfig_runs.go"
python3 "$here/generate.py" "$@"
