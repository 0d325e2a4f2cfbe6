#!/usr/bin/env bash
# Builds the DocC documentation of a module with a catalog (JobBridge by default, or
# JobBridgeMigration: its symbols and the articles of Sources/<module>/<module>.docc) into
# .build/docs (.build/docs-<module> for another module), with the toolchain's own `docc` and
# the symbol graphs `swift package dump-symbol-graph` writes. Fails on any warning: a
# broken ``link``, a parameter left undocumented in a `- Parameters:` list, anything.
#
#   bash Scripts/build-docs.sh                 # build, then open .build/docs
#   bash Scripts/build-docs.sh JobBridgeMigration   # the migration engine, into .build/docs-JobBridgeMigration
#   DOCC=/path/to/docc bash Scripts/build-docs.sh
#   HOSTING_BASE_PATH=jobbridge bash Scripts/build-docs.sh   # for a site under /jobbridge/
#
# Needs the Swift toolchain only (docc ships with it). Prefix with `nice -n 5` on a shared
# machine: the symbol graphs need a debug build of the package.
set -euo pipefail

cd "$(dirname "$0")/.."
module=${1:-JobBridge}
catalog="Sources/$module/$module.docc"
if [[ ! -d "$catalog" ]]; then
    echo "build-docs: no catalog at $catalog (modules with one: JobBridge, JobBridgeMigration)" >&2
    exit 2
fi
output=.build/docs
work=.build/docs-work
if [[ "$module" != JobBridge ]]; then
    output=".build/docs-$module"
    work=".build/docs-work-$module"
fi

find_docc() {
    if [[ -n "${DOCC:-}" ]]; then echo "$DOCC"; return; fi
    if command -v xcrun > /dev/null 2>&1 && xcrun --find docc > /dev/null 2>&1; then
        xcrun --find docc
        return
    fi
    local swift_path
    swift_path=$(command -v swift) || { echo "build-docs: swift is not on PATH" >&2; exit 1; }
    local next_to_swift
    next_to_swift="$(dirname "$(readlink -f "$swift_path")")/docc"
    if [[ -x "$next_to_swift" ]]; then echo "$next_to_swift"; return; fi
    if command -v docc > /dev/null 2>&1; then command -v docc; return; fi
    echo "build-docs: no docc found (tried \$DOCC, xcrun --find docc, $next_to_swift, PATH)" >&2
    exit 1
}
docc=$(find_docc)

rm -rf "$work" "$output"
mkdir -p "$work/symbol-graphs"

# 1. Symbol graphs. SwiftPM also tries the synthesized test modules (JobBridgePackageTests,
# ...PackageDiscoveredTests), which cannot be loaded, and exits 1 for them alone; any other
# error fails the build.
echo "build-docs: dumping symbol graphs (builds the package)" >&2
touch "$work/started"
set +e
swift package dump-symbol-graph --skip-inherited-docs > "$work/dump.log" 2>&1
dump_status=$?
set -e
if [[ $dump_status -ne 0 ]]; then
    allowed="Failed to emit symbol graph for '[A-Za-z0-9_]*Package(Discovered)?Tests'"
    expected=$(grep 'error:' "$work/dump.log" | grep -cE "$allowed" || true)
    others=$(grep 'error:' "$work/dump.log" | grep -cvE "$allowed" || true)
    if [[ $expected -eq 0 || $others -ne 0 ]]; then
        cat "$work/dump.log" >&2
        echo "build-docs: swift package dump-symbol-graph failed" >&2
        exit 1
    fi
fi
graphs=$(sed -n 's/^Files written to //p' "$work/dump.log" | tail -n 1)
if [[ -z "$graphs" || ! "$graphs/$module.symbols.json" -nt "$work/started" ]]; then
    cat "$work/dump.log" >&2
    echo "build-docs: no fresh $module.symbols.json was written" >&2
    exit 1
fi
# The module's own graph and its extensions of other modules' types (Module@Other).
cp "$graphs/$module.symbols.json" "$work/symbol-graphs/"
for extension in "$graphs/$module@"*.symbols.json; do
    [[ -e "$extension" ]] && cp "$extension" "$work/symbol-graphs/"
done

# 2. The documentation archive. Every diagnostic is kept; a warning fails the build.
echo "build-docs: $docc convert $catalog" >&2
hosting=()
if [[ -n "${HOSTING_BASE_PATH:-}" ]]; then hosting=(--hosting-base-path "$HOSTING_BASE_PATH"); fi
set +e
"$docc" convert "$catalog" \
    --additional-symbol-graph-dir "$work/symbol-graphs" \
    --fallback-display-name "$module" \
    --fallback-bundle-identifier "org.jobbridge.$module" \
    --transform-for-static-hosting ${hosting[@]+"${hosting[@]}"} \
    --output-path "$output" > "$work/docc.log" 2>&1
docc_status=$?
set -e
cat "$work/docc.log" >&2
warnings=$(grep -c -E '^(warning|error):' "$work/docc.log" || true)
if [[ $docc_status -ne 0 || $warnings -ne 0 ]]; then
    echo "build-docs: FAILED, docc exited $docc_status with $warnings warning(s) or error(s)" >&2
    exit 1
fi
echo "build-docs: no warnings; documentation in $output" >&2
