-- What POST /books with an Idempotency-Key sends (idempotency/KeyedPost, StoredResponses): two
-- round trips. The first is BEGIN and the book's INSERT (pgjdbc sends the BEGIN with the first
-- statement); the second the stored answer's INSERT and the COMMIT, sent together. The key is
-- new each time (a first use), the body a typical answer of about 200 bytes. Needs pgbench 14+
-- (pipelines) and -M extended or prepared; -D authors=N as the other scripts.
\set author_id random(1, :authors)
\set n random(1, 2000000000)
\startpipeline
BEGIN;
WITH b AS (
    INSERT INTO book (title, description, author_id, version) VALUES ('pgbench book', 'Written by pgbench. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.', :author_id, 0)
    RETURNING id, title, description, author_id, version)
SELECT b.id, b.title, b.description, b.author_id, b.version, a.name AS author_name, a.version AS author_version
FROM b LEFT JOIN author a ON a.id = b.author_id;
\endpipeline
\startpipeline
INSERT INTO idempotency_key (subject, key, fingerprint, status, content_type, location, etag, body) VALUES ('', 'pgbench-' || :client_id || '-' || :n || '-' || random(), '\x2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'::bytea, 201, 'application/json', '/books/123456', 'W/"0-17-0"', '\x7b226964223a3132333435362c227469746c65223a22706762656e636820626f6f6b222c226465736372697074696f6e223a225772697474656e20627920706762656e63682e204c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e73656374657475722061646970697363696e6720656c69742c2073656420646f20656975736d6f642074656d706f7220696e6369646964756e742e222c22617574686f725f6964223a31372c22617574686f72223a22417574686f72203137222c2267656e726573223a5b5d7d'::bytea);
COMMIT;
\endpipeline
