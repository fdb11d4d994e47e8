-- Not what the app sends: the least a keyed POST /books could cost the database, for
-- comparison with insert-book-keyed-as-app.sql. The book and the stored answer in one
-- statement in autocommit (one round trip, no BEGIN or COMMIT), the answer's body a constant
-- the app would have had to render before it knew the book's id and its author's name.
\set author_id random(1, :authors)
\set n random(1, 2000000000)
WITH b AS (
    INSERT INTO book (title, description, author_id, version) VALUES ('pgbench book', 'Written by pgbench. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.', :author_id, 0)
    RETURNING id, title, description, author_id, version),
k AS (
    INSERT INTO idempotency_key (subject, key, fingerprint, status, content_type, location, etag, body)
    SELECT '', 'pgbench-' || :client_id || '-' || :n || '-' || random(), '\x2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881'::bytea, 201, 'application/json', '/books/' || b.id, 'W/"0-17-0"', '\x7b226964223a3132333435362c227469746c65223a22706762656e636820626f6f6b222c226465736372697074696f6e223a225772697474656e20627920706762656e63682e204c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e73656374657475722061646970697363696e6720656c69742c2073656420646f20656975736d6f642074656d706f7220696e6369646964756e742e222c22617574686f725f6964223a31372c22617574686f72223a22417574686f72203137222c2267656e726573223a5b5d7d'::bytea FROM b)
SELECT b.id, b.title, b.description, b.author_id, b.version, a.name AS author_name, a.version AS author_version
FROM b LEFT JOIN author a ON a.id = b.author_id;
