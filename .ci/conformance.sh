#!/usr/bin/env bash
# Conformance: tools nobody on this project wrote check docs/openapi.json and the packaged jar
# against each other.
#   1. Spectral lints the committed description (spectral:oas and the OWASP ruleset, as
#      configured in .ci/conformance/spectral.yaml): 0 results of any severity.
#   2. A traffic mix of our own (curl) goes through `prism proxy` to the jar on a fresh
#      database; Prism reports in `sl-violations` where a request or a response departs from
#      the description. A response violation is the server's or the description's fault and
#      fails the check; so does a request violation on a request meant to be valid.
#   3. Portman turns the description into contract tests (status, content type, JSON schema,
#      declared headers of each operation's success response) and runs them with newman.
#   4. Postman imports (openapi2postmanv2) send examples, no placeholder such as <long>: in the
#      bodies with its defaults, everywhere with parameter generation from examples.
#
# Installs the pinned npm packages of .ci/conformance/package-lock.json when they are missing.
# Needs Node 20+ and npm, jq, and what jar-app.sh needs. Talks to 127.0.0.1 only. Every wait is
# bounded; the EXIT trap stops Prism and the jar and drops the database.
#
# Known limits of the tools (5.14.2 is the newest Prism that runs on Node 20): Prism hangs on a
# body that is not JSON and answers HEAD with a 500 of its own, so neither goes through it (the
# 415 check sends its wrong Content-Type to the jar directly); it does not flag a wrong media
# type on PATCH. Dredd does not read OpenAPI 3.1.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS=.ci/conformance
BIN=$TOOLS/node_modules/.bin
SPEC=docs/openapi.json
OUT=target/conformance

if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
    echo "conformance: needs Node.js 20 or newer; found: $(node --version 2>/dev/null || echo none)" >&2
    exit 1
fi
command -v jq >/dev/null || { echo "conformance: needs jq" >&2; exit 1; }
# npm ci is slow (about a minute); skip it while the installed tree is the locked one.
if ! cmp -s "$TOOLS/package-lock.json" "$TOOLS/node_modules/.package-lock.json.installed" 2>/dev/null; then
    echo "conformance: installing the pinned tools (npm ci)"
    (cd "$TOOLS" && timeout 600 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$TOOLS/package-lock.json" "$TOOLS/node_modules/.package-lock.json.installed"
fi
rm -rf "$OUT"
mkdir -p "$OUT"

FAILED=0
fail() {
    FAILED=$((FAILED + 1))
    echo "  FAIL $*"
}

# --- 1. Spectral ------------------------------------------------------------------------

echo "conformance: Spectral on $SPEC"
for rule in string-limit integer-limit array-limit integer-format write-restricted define-error-responses-401; do
    if grep -Eq "^[[:space:]]*owasp:api[0-9]+:2023-$rule:" "$TOOLS/spectral.yaml"; then
        fail "spectral.yaml changes the OWASP completeness rule $rule; it must stay on"
    fi
done
if timeout 120 "$BIN/spectral" lint "$SPEC" --ruleset "$TOOLS/spectral.yaml" --fail-severity hint -F hint \
    >"$OUT/spectral.txt" 2>&1; then
    echo "  ok   0 results"
else
    fail "Spectral found problems:"
    cat "$OUT/spectral.txt"
fi

# --- 2. The jar, and Prism in front of it -----------------------------------------------

JAR_APP_NAME=conformance
# Started while Spectral and npm may still be busy on a small machine: give it time.
JAR_APP_START_TIMEOUT=180
# shellcheck source=.ci/jar-app.sh
source .ci/jar-app.sh
jar_app_init
if ! pg_reachable; then
    echo "conformance: the runs against the jar are SKIPPED - no PostgreSQL server at $PG_HOST:$PG_PORT"
    exit $((FAILED > 0))
fi

PRISM_PID=
stop_prism() {
    if [[ -n $PRISM_PID ]] && kill -0 "$PRISM_PID" 2>/dev/null; then
        kill -TERM "$PRISM_PID" 2>/dev/null || true
        for _ in $(seq 1 10); do
            kill -0 "$PRISM_PID" 2>/dev/null || break
            sleep 1
        done
        kill -KILL "$PRISM_PID" 2>/dev/null || true
        wait "$PRISM_PID" 2>/dev/null || true
    fi
    PRISM_PID=
}
# Prism before the jar; jar_app_cleanup ends the script with the status it finds in $?, so
# hand it the script's own (set +e: under errexit, the failing `(exit 1)` would end the trap).
trap 'rc=$?; stop_prism; set +e; (exit "$rc"); jar_app_cleanup' EXIT

jar_app_start
jar_app_wait_ready || { echo "conformance: giving up: $JAR_APP_ERROR"; jar_app_log_tail; exit 1; }

PRISM_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
PRISM="http://127.0.0.1:$PRISM_PORT"
# --errors=false: Prism forwards every request and reports what it finds in sl-violations,
# instead of answering an invalid request itself.
"$BIN/prism" proxy "$SPEC" "$BASE" --host 127.0.0.1 --port "$PRISM_PORT" --errors=false >"$OUT/prism.log" 2>&1 &
PRISM_PID=$!
for waited in $(seq 0 60); do
    curl -s -o /dev/null --max-time 2 "$PRISM/books" && break
    kill -0 "$PRISM_PID" 2>/dev/null || { echo "conformance: prism exited"; tail -n 30 "$OUT/prism.log"; exit 1; }
    ((waited < 60)) || { echo "conformance: prism did not answer within 60 s"; tail -n 30 "$OUT/prism.log"; exit 1; }
    sleep 1
done
echo "conformance: prism proxy on $PRISM in front of $BASE"

# --- 3. Our traffic mix through Prism ---------------------------------------------------

STATUS=
BODY=
# call WHAT EXPECTED_STATUS VALID|INVALID [curl arguments...] PATH: one request through Prism.
# INVALID: the request departs from the description on purpose (the error checks), so Prism's
# request violations are expected; its response must still conform.
call() {
    local what=$1 expected=$2 intent=$3
    shift 3
    local args=("$@")
    local path=${args[-1]}
    unset 'args[-1]'
    : >"$OUT/headers"
    STATUS=$(curl -s --max-time 20 -D "$OUT/headers" -o "$OUT/body" -w '%{http_code}' "${args[@]}" "$PRISM$path" || true)
    BODY=$(cat "$OUT/body")
    local violations
    violations=$(tr -d '\r' <"$OUT/headers" | sed -n 's/^sl-violations: //Ip' | head -n 1)
    [[ -n $violations ]] || violations='[]'
    local response request
    response=$(jq -c '[.[] | select(.location[0] == "response")]' <<<"$violations" 2>/dev/null || echo "unreadable: $violations")
    request=$(jq -c '[.[] | select(.location[0] == "request")]' <<<"$violations" 2>/dev/null || echo "unreadable: $violations")
    local problems=()
    [[ $STATUS == "$expected" ]] || problems+=("status $STATUS, expected $expected; body ${BODY:0:300}")
    [[ $response == '[]' ]] || problems+=("response violations: $response")
    if [[ $intent == VALID && $request != '[]' ]]; then
        problems+=("request violations on a valid request: $request")
    fi
    if ((${#problems[@]} == 0)); then
        echo "  ok   $what: $STATUS"
    else
        fail "$what"
        printf '       %s\n' "${problems[@]}"
    fi
    printf '%s\t%s\t%s\t%s\n' "$what" "$STATUS" "$response" "$request" >>"$OUT/traffic.tsv"
}
header() {
    tr -d '\r' <"$OUT/headers" | awk -v want="$(tr '[:upper:]' '[:lower:]' <<<"$1")" '
        { i = index($0, ":") }
        i && tolower(substr($0, 1, i - 1)) == want { v = substr($0, i + 1); sub(/^[ \t]+/, "", v); print v; exit }'
}
expect_header() {
    local value
    value=$(header "$2")
    [[ -n $value ]] || fail "$1: no $2 header"
}

JSON=(-H 'Content-Type: application/json')
PATCH=(-H 'Content-Type: application/merge-patch+json')
# The jar checks no token (no issuer configured), but the description asks writes for one:
# Prism checks that one is sent.
AUTH=(-H 'Authorization: Bearer conformance')

echo "conformance: traffic mix through prism"
call "POST /authors" 201 VALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{"name": "New Author 1"}' /authors
expect_header "POST /authors" Location
expect_header "POST /authors" ETag
call "POST /authors (second)" 201 VALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{"name": "Another Author"}' /authors
call "POST /genres" 201 VALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{"name": "Fantasy"}' /genres
call "POST /books" 201 VALID -X POST "${AUTH[@]}" "${JSON[@]}" \
    -d '{"title": "Ocean Book", "description": "watr 4evr", "author_id": 1}' /books
call "POST /books without an author" 201 VALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{"title": "Lost", "description": ""}' /books
call "POST /authors/{id}/books" 201 VALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{"title": "Sea Book", "description": "more watr"}' /authors/1/books
call "POST /genres/{id}/books" 201 VALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{"title": "Dragons", "description": "fire", "author_id": null}' /genres/1/books
call "PUT /genres/{id}/books/{bookId}" 204 VALID -X PUT "${AUTH[@]}" /genres/1/books/1
# A POST sent again with its Idempotency-Key: the replay, then the same key with another body.
KEY=(-H 'Idempotency-Key: "conformance-1"')
call "POST /books with an Idempotency-Key" 201 VALID -X POST "${AUTH[@]}" "${JSON[@]}" "${KEY[@]}" \
    -d '{"title": "Keyed", "description": "sent twice"}' /books
call "POST /books, the same key again (replay)" 201 VALID -X POST "${AUTH[@]}" "${JSON[@]}" "${KEY[@]}" \
    -d '{"title": "Keyed", "description": "sent twice"}' /books
[[ $(header Idempotent-Replayed) == true ]] || fail "POST /books replay: no Idempotent-Replayed: true"
call "POST /books, the same key with another body" 422 VALID -X POST "${AUTH[@]}" "${JSON[@]}" "${KEY[@]}" \
    -d '{"title": "Other", "description": "d"}' /books

call "GET /books/{id}" 200 VALID /books/1
etag=$(header ETag)
[[ -n $etag ]] || fail "GET /books/{id}: no ETag"
call "GET /books/{id}, If-None-Match current" 304 VALID -H "If-None-Match: $etag" /books/1
call "GET /books/{id}, If-None-Match other" 200 VALID -H 'If-None-Match: "none"' /books/1
call "GET /books, first page" 200 VALID '/books?limit=2'
# The Link is absolute, built from the request; keep its path and query, to go through Prism again.
next=$(header Link | sed -n 's/^<\([^>]*\)>; *rel="next"$/\1/p' | sed 's#^https\{0,1\}://[^/]*##')
if [[ -n $next ]]; then
    call "GET /books, next page" 200 VALID "$next"
else
    fail "GET /books?limit=2: no Link to a next page"
fi
call "GET /books, filtered" 200 VALID '/books?title=ocean&description=watr&author_id=1'
call "GET /books, sorted" 200 VALID '/books?sort=-title&limit=10'
call "GET /authors, sorted by name" 200 VALID '/authors?sort=-name&limit=1'
call "GET /authors/{id}" 200 VALID /authors/1
call "GET /authors/{id}/books" 200 VALID '/authors/1/books?sort=title'
call "GET /genres, filtered" 200 VALID '/genres?name=fant'
call "GET /genres/{id}" 200 VALID /genres/1
call "GET /genres/{id}/books" 200 VALID /genres/1/books

call "PATCH /books/{id}" 204 VALID -X PATCH "${AUTH[@]}" "${PATCH[@]}" -H "If-Match: $etag" -d '{"description": "watr 4evr, 2nd ed."}' /books/1
expect_header "PATCH /books/{id}" ETag
call "PATCH /books/{id}, stale If-Match" 412 VALID -X PATCH "${AUTH[@]}" "${PATCH[@]}" -H "If-Match: $etag" -d '{"title": "Late"}' /books/1
call "PATCH /books/{id}, clear the author" 200 VALID -X PATCH "${AUTH[@]}" "${PATCH[@]}" -H 'Prefer: return=representation' \
    -d '{"author_id": null}' /books/1
call "PUT /books/{id}, return=representation" 200 VALID -X PUT "${AUTH[@]}" "${JSON[@]}" -H 'Prefer: return=representation' \
    -d '{"title": "Ocean Book", "description": "watr 4evr", "author_id": 1}' /books/1
expect_header "PUT /books/{id}" Preference-Applied
call "PUT /authors/{id}" 204 VALID -X PUT "${AUTH[@]}" "${JSON[@]}" -H 'If-Match: *' -d '{"name": "Renamed"}' /authors/2
call "PATCH /genres/{id}" 200 VALID -X PATCH "${AUTH[@]}" "${PATCH[@]}" -H 'Prefer: return=representation' -d '{"name": "High Fantasy"}' /genres/1

call "GET /books/{id}, id not a number" 400 INVALID /books/cat
call "GET /books/{id}, no such book" 404 VALID /books/999
call "GET /authors/{id}/books, no such author" 404 VALID /authors/999/books
call "GET /books, limit out of range" 400 INVALID '/books?limit=0'
call "GET /authors, a sort of books" 400 INVALID '/authors?sort=title'
call "GET /books, a cursor of another sort" 400 VALID "/books?sort=title&cursor=eyJzb3J0IjoiaWQ6IEFTQyIsImFmdGVyIjp7ImlkIjowfX0"
call "POST /books, empty object" 400 INVALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{}' /books
call "POST /books, blank title" 400 INVALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{"title": "", "description": "d"}' /books
call "POST /books, unknown author" 422 VALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{"title": "t", "description": "d", "author_id": 12}' /books
call "PATCH /genres/{id}, name removed" 400 INVALID -X PATCH "${AUTH[@]}" "${PATCH[@]}" -d '{"name": null}' /genres/1
call "DELETE /books/{id}, stale If-Match" 412 VALID -X DELETE "${AUTH[@]}" -H 'If-Match: "99"' /books/2
call "GET /books/{id}, Accept: application/xml" 406 VALID -H 'Accept: application/xml' /books/1
call "POST /authors/{id}, a method the path lacks" 405 INVALID -X POST "${AUTH[@]}" "${JSON[@]}" -d '{"name": "x"}' /authors/1

call "DELETE /genres/{id}/books/{bookId}" 204 VALID -X DELETE "${AUTH[@]}" /genres/1/books/1
call "DELETE /books/{id}" 204 VALID -X DELETE "${AUTH[@]}" -H 'If-Match: *' /books/2
call "DELETE /authors/{id}" 204 VALID -X DELETE "${AUTH[@]}" /authors/2
call "DELETE /genres/{id}" 204 VALID -X DELETE "${AUTH[@]}" /genres/1

# Past Prism, which hangs on a body that is not JSON: the 415 of each body-taking method.
for request in "POST /books" "PUT /books/1" "PATCH /books/1"; do
    code=$(curl -s -o /dev/null --max-time 15 -w '%{http_code}' -X "${request% *}" -H 'Content-Type: text/plain' -d 'title' "$BASE${request#* }" || true)
    if [[ $code == 415 ]]; then echo "  ok   $request, text/plain (to the jar): 415"; else fail "$request, text/plain: $code, expected 415"; fi
done

stop_prism

# --- 4. Portman's contract tests, and a plain Postman import ----------------------------

echo "conformance: Portman contract tests against $BASE"
# Portman runs against the same jar: the traffic mix left authors 1, books 1 and 3, and no
# genre; recreate the rows the description's examples name, on a fresh set of ids.
# Rows 2 are what the DELETE requests delete (portman-config.json points them there), so the
# examples' rows 1 live to the end.
psql "${PG_ARGS[@]}" -X -q -d "$DB" -c 'TRUNCATE book_genre, book, author, genre RESTART IDENTITY CASCADE' >/dev/null
seed() { curl -s -o /dev/null --max-time 15 -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d "$2" "$BASE$1"; }
for row in '/authors {"name": "New Author 1"}' '/authors {"name": "To delete"}' '/genres {"name": "Fantasy"}' \
    '/genres {"name": "To delete"}' '/books {"title": "Ocean Book", "description": "watr 4evr", "author_id": 1}' \
    '/books {"title": "To delete", "description": ""}'; do
    [[ $(seed "${row%% *}" "${row#* }") == 201 ]] || fail "could not seed ${row}"
done
# Portman writes its working files to ./tmp: run it in the output directory.
if (cd "$OUT" && timeout 300 "$OLDPWD/$BIN/portman" --local "$OLDPWD/$SPEC" --baseUrl "$BASE" \
    --portmanConfigFile "$OLDPWD/$TOOLS/portman-config.json" --newmanOptionsFile "$OLDPWD/$TOOLS/newman-options.json" \
    --output portman-collection.json --runNewman true --syncPostman false --includeTests true) >"$OUT/portman.txt" 2>&1; then
    echo "  ok   $(grep -Eo '[0-9]+ +│ +[0-9]+' "$OUT/portman.txt" | tail -n 1 | awk '{print "assertions: " $1 " run, " $3 " failed"}')"
else
    fail "Portman's contract tests failed:"
    tail -n 80 "$OUT/portman.txt"
fi

# The values each request of an import would send (query, path, enabled headers, body).
sent_values='[.. | objects | select(.request? and .response?) | .request
    | (.url.query // [] | map(select(.disabled != true) | .value)), (.url.variable // [] | map(.value)),
      (.header // [] | map(select(.disabled != true) | .value)), [.body.raw // ""] | .[]]'
placeholders() { jq -r "$sent_values" "$1" | grep -Eo '<(long|integer|string|number|boolean|dateTime)>' | sort | uniq -c || true; }
# openapi2postmanv2's defaults take body values from the examples but every parameter from its
# type alone (<long>), examples or not; Postman's "Parameter generation: Example" reads them.
echo "conformance: Postman imports with openapi2postmanv2"
for resolution in default Example; do
    options=()
    [[ $resolution == default ]] || options=(-O "parametersResolution=$resolution")
    collection="$OUT/postman-$resolution.json"
    if ! timeout 120 "$BIN/openapi2postmanv2" -s "$SPEC" -o "$collection" "${options[@]}" >"$OUT/openapi2postmanv2.txt" 2>&1; then
        fail "openapi2postmanv2 ($resolution) could not convert $SPEC"
        cat "$OUT/openapi2postmanv2.txt"
        continue
    fi
    if [[ $resolution == default ]]; then
        found=$(jq -r '.. | objects | select(.request? and .response?) | .request.body.raw // empty' "$collection" \
            | grep -Eo '<(long|integer|string|number|boolean)>' | sort | uniq -c || true)
        what="bodies"
    else
        found=$(placeholders "$collection")
        what="requests"
    fi
    if [[ -z $found ]]; then
        echo "  ok   $resolution parameter generation: the $what send examples, no placeholder"
    else
        fail "$resolution parameter generation: the $what send placeholders: $found"
    fi
done

if ((FAILED > 0)); then
    jar_app_log_tail
    echo "conformance: $FAILED failed"
    exit 1
fi
echo "conformance: all passed"
