#!/usr/bin/env bash
# Runs the cron benchmark of JobBridge (release build, --json) and the same expressions
# through robfig/cron and gorhill/cronexpr on this machine, and prints ns per next-run
# call side by side with the ratios.
#
# Usage: Scripts/cron-bench-reference.sh [--install]
#   Needs: go, and the Debian packages golang-github-robfig-cron-dev and
#   golang-github-gorhill-cronexpr-dev (sources under /usr/share/gocode). Without them it
#   prints what is missing and stops; with --install it installs them with apt-get (root).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/Scripts/cron-bench/.build"
packages=(golang-go golang-github-robfig-cron-dev golang-github-gorhill-cronexpr-dev)

missing=()
command -v go >/dev/null || missing+=(golang-go)
[ -d /usr/share/gocode/src/github.com/robfig/cron ] || missing+=(golang-github-robfig-cron-dev)
[ -d /usr/share/gocode/src/github.com/gorhill/cronexpr ] || missing+=(golang-github-gorhill-cronexpr-dev)
command -v bc >/dev/null || missing+=(bc)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "${1:-}" = "--install" ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" bc
    else
        echo "cron-bench-reference: missing: ${missing[*]}" >&2
        echo "install them (apt-get install ${missing[*]}) or run again with --install (as root)" >&2
        exit 2
    fi
fi

mkdir -p "$work/gopath"
GO111MODULE=off GOPATH="$work/gopath:/usr/share/gocode" GOCACHE="$work/gocache" \
    go build -o "$work/reference_bench" "$root/Scripts/cron-bench/reference_bench.go"
(cd "$root" && swift build -c release --product jobbridge-cron-bench >/dev/null)
swift_json="$("$root/.build/release/jobbridge-cron-bench" --json)"
go_out="$("$work/reference_bench")"

# The value of one member of the benchmark's flat JSON object, by its exact key.
member() {
    printf '%s\n' "$swift_json" | awk -v key="\"$1\": " '{
        i = index($0, key); if (i == 0) exit
        rest = substr($0, i + length(key)); sub(/[,}].*/, "", rest); print rest }'
}

echo "$swift_json"
echo
printf '%-20s %12s %12s %12s %10s %10s\n' expression "JobBridge ns" "robfig ns" "gorhill ns" "robfig/JB" "gorhill/JB"
for expr in "* * * * *" "*/15 9-17 * * 1-5" "0 0 1 1 *" "0 0 29 2 *" "0 2 * * 0"; do
    jb="$(member "next_ns[$expr]")"
    rb="$(printf '%s\n' "$go_out" | awk -F'\t' -v e="$expr" '$1 == "robfig" && $2 == e { print $3 }')"
    gh="$(printf '%s\n' "$go_out" | awk -F'\t' -v e="$expr" '$1 == "gorhill" && $2 == e { print $3 }')"
    if [ -z "$jb" ] || [ -z "$rb" ] || [ -z "$gh" ]; then
        echo "cron-bench-reference: no figure for '$expr' (JobBridge '$jb', robfig '$rb', gorhill '$gh')" >&2
        exit 1
    fi
    printf '%-20s %12.1f %12.1f %12.1f %9.1fx %9.1fx\n' "$expr" "$jb" "$rb" "$gh" \
        "$(echo "$rb / $jb" | bc -l)" "$(echo "$gh / $jb" | bc -l)"
done
echo "parse: $(member parse_us_median) µs median per expression (goal ≤ $(member parse_us_median_goal_max))"
