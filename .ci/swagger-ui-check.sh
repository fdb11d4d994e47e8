#!/usr/bin/env bash
# Swagger UI in a real browser: runs the packaged jar on a throwaway database (as
# smoke-jar.sh does) and has headless Chromium open /swagger-ui.html, find every endpoint
# listed, and get a 200 from "Try it out" on GET /books (.ci/swagger-ui/check.mjs).
# The tests check the description itself; only a browser shows that the page works.
#
# Installs Debian's chromium when /usr/bin/chromium is missing (apt-get, as root) and the
# check's one npm package (playwright-core, which drives that chromium and downloads no
# browser). Needs Node 20+ and npm, and what jar-app.sh needs. Talks to 127.0.0.1 only.
# Leaves a screenshot of the page after "Execute" in target/swagger-ui-check.png.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR_APP_NAME=swagger-ui
CHECK_DIR=.ci/swagger-ui
SCREENSHOT=target/swagger-ui-check.png
# shellcheck source=.ci/jar-app.sh
source .ci/jar-app.sh

as_root() {
    if ((EUID == 0)); then "$@"; else sudo "$@"; fi
}

if [[ ! -x /usr/bin/chromium ]]; then
    echo "swagger-ui: installing Debian's chromium"
    as_root apt-get update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
    echo "swagger-ui: needs Node.js 20 or newer (playwright-core); found: $(node --version 2>/dev/null || echo none)" >&2
    exit 1
fi
(cd "$CHECK_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

jar_app_init
if ! pg_reachable; then
    echo "swagger-ui: SKIPPED - no PostgreSQL server reachable at $PG_HOST:$PG_PORT (or no pg_isready/psql installed)"
    exit 0
fi
jar_app_start
if ! jar_app_wait_ready; then
    echo "swagger-ui: giving up: $JAR_APP_ERROR"
    jar_app_log_tail
    exit 1
fi

# A book for GET /books to show (its body is checked to be the JSON array the API sent).
post() { curl -s -o /dev/null -w '%{http_code}' --max-time 15 -X POST "$BASE$1" -H 'Content-Type: application/json' -d "$2"; }
[[ $(post /authors '{"name": "New Author 1"}') == 201 ]] || { echo "swagger-ui: could not create an author" >&2; exit 1; }
[[ $(post /authors/1/books '{"title": "Ocean Book", "description": "watr 4evr"}') == 201 ]] \
    || { echo "swagger-ui: could not create a book" >&2; exit 1; }

mkdir -p "$(dirname "$SCREENSHOT")"
rc=0
node "$CHECK_DIR/check.mjs" "$BASE" --screenshot "$SCREENSHOT" || rc=$?
if ((rc != 0)); then
    jar_app_log_tail
fi
exit "$rc"
