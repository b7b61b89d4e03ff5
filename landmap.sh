#!/usr/bin/env bash
# LandMap's two set-up commands (see README.md):
#   ./landmap.sh run    install what is missing, start PostGIS (a private cluster unless
#                       ConnectionStrings__LandMap is set), migrate, load gis-data/, serve
#                       http://127.0.0.1:5080/ ; Ctrl-C stops what it started.
#   ./landmap.sh test   install what the tests need and run every test: unit, integration and
#                       browser tiers; the last two start their own private clusters
#                       (.pgdata-test, port 25433; .pgdata-test-browser, port 25442).
#   ./landmap.sh tokens create|list|revoke ...   manage bearer tokens in the configured database
#                       (see README "Who may do what"); the web server is not started.
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mFAILED while %s\033[0m\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs the Debian packages that are not yet installed (apt-get update once, only if needed).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "Installing ${missing[*]} (apt; about a minute the first time)"
  as_root apt-get update -q >/dev/null || fail "installing packages: apt-get update failed"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}" \
    | grep -E '^(Unpacking|Setting up) ' | sed 's/^/    /' || true
  for p in "${missing[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || fail "installing packages: $p did not install (see apt-get output above)"
  done
}

# Leaflet and the other front-end packages come from web/package-lock.json, never a CDN.
ensure_web_packages() {
  if [ ! -d web/node_modules/leaflet ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    step "Installing the web map's npm packages from web/package-lock.json"
    command -v npm >/dev/null || ensure_packages npm
    (cd web && npm ci --no-audit --no-fund --loglevel=error) || fail "installing npm packages in web/"
  fi
}

ensure_database_packages() {
  if [ -z "${ConnectionStrings__LandMap:-}" ]; then
    ensure_packages postgresql-15 postgresql-15-postgis-3
  fi
}

# The development path: appsettings.Development.json (private cluster in .pgdata unless
# ConnectionStrings__LandMap is set, sample data loaded, anonymous read, the map from web/), with
# the project folder as content root so those paths are relative to the repository. A publish
# folder needs none of this (README "Deploying").
development() {
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  export ASPNETCORE_CONTENTROOT="$PWD/api/LandMap.Api"
}

cmd_run() {
  ensure_database_packages
  ensure_web_packages
  step "Building the service"
  dotnet build api/LandMap.Api -c Release -nologo -v q -clp:ErrorsOnly || fail "building api/LandMap.Api"
  step "Starting LandMap (database, migrations, sample data, then http://127.0.0.1:5080/)"
  development
  exec dotnet run --project api/LandMap.Api -c Release --no-build --no-launch-profile
}

cmd_tokens() {
  ensure_database_packages
  dotnet build api/LandMap.Api -c Release -nologo -v q -clp:ErrorsOnly >&2 || fail "building api/LandMap.Api"
  development
  exec dotnet run --project api/LandMap.Api -c Release --no-build --no-launch-profile -- tokens "$@"
}

# The web map's JavaScript: types (tsc --checkJs over the JSDoc), lint (eslint) and the unit tests
# of its pure modules (node's test runner, web/test). Seconds, no browser; a failure fails the run.
web_checks() {
  step "Checking the web map's JavaScript (types, lint, unit tests) and deploy/Dockerfile (lint)"
  (cd web && npx --no-install tsc --project jsconfig.json && npx --no-install tsc --project jsconfig.worker.json) \
    || fail "web/js: type errors (tsc --checkJs)"
  (cd web && npx --no-install eslint .) || fail "web/js: lint errors (eslint)"
  # No hadolint in Debian or npm: dockerfile-utils (the VS Code Docker extension's checker) validates the recipe.
  (cd web && npx --no-install dockerfile-utils lint ../deploy/Dockerfile) || fail "deploy/Dockerfile: lint errors (dockerfile-utils)"
  # The runner's own summary (tests, pass, fail) is the last lines of its TAP output.
  local out
  out=$(cd web && node --test test/ 2>&1) || { echo "$out"; fail "web/test: unit tests failed"; }
  echo "$out" | grep -E '^# (tests|pass|fail|duration_ms) '
}

cmd_test() {
  # OWSLib and QGIS (its Python bindings and data providers) are clients the integration tier drives.
  ensure_packages postgresql-15 postgresql-15-postgis-3 gdal-bin chromium fonts-wqy-microhei python3-owslib python3-qgis qgis-providers
  ensure_web_packages
  web_checks
  step "Building"
  dotnet build LandMap.sln -c Release -nologo -v q -clp:ErrorsOnly || fail "building LandMap.sln"
  mkdir -p artifacts
  local log=artifacts/test-output.log status=0
  : > "$log"
  # The tiers one after another (the machine's cores go to one at a time; unit first, it fails fastest):
  # unit (no database), integration (their own PostGIS in .pgdata-test on port 25433),
  # browser (Chromium; PostGIS in .pgdata-test-browser on port 25442).
  local tier
  for tier in UnitTests IntegrationTests BrowserTests; do
    step "Running tests/LandMap.$tier"
    dotnet test "tests/LandMap.$tier" -c Release --no-build --logger "console;verbosity=normal" \
      --results-directory artifacts/test-results 2>&1 | tee -a "$log" || status=$?
  done
  # One closing line any CI reads: "N passed, N failed".
  local passed failed
  passed=$(grep -Eo '^ *Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}' || true)
  failed=$(grep -Eo '^ *Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}' || true)
  [ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
  echo "$passed passed, $failed failed"
  return "$status"
}

case "${1:-}" in
  run) cmd_run ;;
  test) cmd_test ;;
  tokens) shift; cmd_tokens "$@" ;;
  *) echo "usage: ./landmap.sh run | test | tokens create|list|revoke ..." >&2; exit 2 ;;
esac
