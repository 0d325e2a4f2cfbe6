#!/usr/bin/env bash
# Runs the cron benchmark of JobBridge (release build) and the same expressions through
# robfig/cron and gorhill/cronexpr (Debian packages) on this machine, and prints the ratios.
# Usage: Scripts/cron-bench-reference.sh   (from anywhere; installs Go packages if missing)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/Scripts/cron-bench/.build"
if ! command -v go >/dev/null || [ ! -d /usr/share/gocode/src/github.com/gorhill/cronexpr ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go golang-github-robfig-cron-dev \
        golang-github-gorhill-cronexpr-dev
fi
mkdir -p "$work/gopath"
GO111MODULE=off GOPATH="$work/gopath:/usr/share/gocode" GOCACHE="$work/gocache" \
    go build -o "$work/reference_bench" "$root/Scripts/cron-bench/reference_bench.go"
(cd "$root" && swift build -c release --product jobbridge-cron-bench >/dev/null)
swift_out="$("$root/.build/release/jobbridge-cron-bench")"
go_out="$("$work/reference_bench")"
echo "$swift_out"
echo
printf '%-20s %12s %12s %12s %10s %10s\n' expression "JobBridge ns" "robfig ns" "gorhill ns" "robfig/JB" "gorhill/JB"
for expr in "* * * * *" "*/15 9-17 * * 1-5" "0 0 1 1 *" "0 0 29 2 *" "0 2 * * 0"; do
    jb="$(printf '%s\n' "$swift_out" | awk -v e="$expr" 'index($0, e) == 1 { print $(NF-2) }')"
    rb="$(printf '%s\n' "$go_out" | awk -F'\t' -v e="$expr" '$1 == "robfig" && $2 == e { print $3 }')"
    gh="$(printf '%s\n' "$go_out" | awk -F'\t' -v e="$expr" '$1 == "gorhill" && $2 == e { print $3 }')"
    printf '%-20s %12s %12s %12s %9.1fx %9.1fx\n' "$expr" "$jb" "$rb" "$gh" \
        "$(echo "$rb / $jb" | bc -l)" "$(echo "$gh / $jb" | bc -l)"
done
