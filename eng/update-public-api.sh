#!/usr/bin/env bash
# Regenerates a shipped project's PublicAPI.Unshipped.txt from its current public API.
#
#   bash eng/update-public-api.sh src/SecretsAbstractions.Foo/SecretsAbstractions.Foo.csproj [more.csproj ...]
#   bash eng/update-public-api.sh --all        # every project under src/
#
# Run it after adding, changing or removing a public member, and commit the changed file with the change.
# It is idempotent: the Unshipped file is rebuilt from scratch (the current API minus PublicAPI.Shipped.txt, plus
# any "*REMOVED*" lines already recorded there) by the PublicApiAnalyzers code fix for RS0016, so running it twice
# gives the same file. PublicAPI.Shipped.txt is never edited here: it changes only when a version is released
# (move the Unshipped lines into it then). Builds go to a temporary artifacts folder, never the project's bin/obj.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -eq 0 ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

projects=()
if [ "$1" = "--all" ]; then
  # The core package first: the others reference it, and their check builds it.
  projects+=(src/SecretsAbstractions/SecretsAbstractions.csproj)
  for p in src/*/*.csproj; do
    [ "$p" = src/SecretsAbstractions/SecretsAbstractions.csproj ] || projects+=("$p")
  done
else
  projects=("$@")
fi

header='#nullable enable'
status=0
for project in "${projects[@]}"; do
  if [ ! -f "$project" ]; then
    echo "update-public-api: no project file at '$project'" >&2
    exit 2
  fi
  dir=$(dirname "$project")
  shipped="$dir/PublicAPI.Shipped.txt"
  unshipped="$dir/PublicAPI.Unshipped.txt"
  [ -f "$shipped" ] || printf '%s\n' "$header" > "$shipped"

  # Keep recorded removals of shipped API; drop everything else and let the code fix add the current API back.
  removed=$( { grep -E '^\*REMOVED\*' "$unshipped" 2>/dev/null || true; } )
  { printf '%s\n' "$header"; [ -z "$removed" ] || printf '%s\n' "$removed"; } > "$unshipped"

  artifacts=$(mktemp -d "${TMPDIR:-/tmp}/public-api.XXXXXX")
  # MSBuild reads these environment variables as properties, so restore and design-time builds stay out of bin/obj.
  if ! UseArtifactsOutput=true ArtifactsPath="$artifacts" \
      dotnet format analyzers "$project" --diagnostics RS0016 --severity warn > "$artifacts/format.log" 2>&1; then
    cat "$artifacts/format.log" >&2
    echo "update-public-api: dotnet format failed for $project" >&2
    rm -rf "$artifacts"
    exit 1
  fi

  # Check: no undeclared API left, and no shipped API silently gone (that needs a deliberate *REMOVED* line).
  # Only this project's own diagnostics count: a referenced project's API is that project's business.
  own_dir="$(cd "$dir" && pwd)/"
  left=$(dotnet build "$project" --no-incremental --artifacts-path "$artifacts" -p:TreatWarningsAsErrors=false 2>&1 \
    | grep -E 'RS001[67]' | grep -F "$own_dir" | sed -E 's/ \(https[^)]*\)//; s/ \[[^]]*\]$//' | sort -u || true)
  rm -rf "$artifacts"
  if [ -n "$left" ]; then
    printf '%s\n' "$left" >&2
    echo "update-public-api: $project still has RS0016/RS0017 diagnostics (RS0017 on a shipped symbol means a breaking removal: add '*REMOVED*<symbol>' to $unshipped if it is intended)" >&2
    status=1
  else
    echo "update-public-api: $unshipped ($(($(wc -l < "$unshipped") - 1)) symbols)"
  fi
done
exit $status
