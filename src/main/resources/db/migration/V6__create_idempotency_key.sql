-- The first answer to each POST sent with an Idempotency-Key, written in the same transaction
-- as the POST's own write, so that a retry replays it instead of writing again. Keys are per
-- subject (the JWT's; '' while requests are anonymous), so two clients never share one.
CREATE TABLE idempotency_key (
    subject      varchar(255) NOT NULL,
    key          varchar(255) NOT NULL,
    -- SHA-256 of the method, path and body: the same key with another request is refused
    fingerprint  bytea        NOT NULL,
    status       smallint     NOT NULL,
    content_type varchar(255),
    location     varchar(2048),
    etag         varchar(255),
    body         bytea        NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, key)
);
-- The purge of expired keys walks them oldest first, a bounded batch at a time.
CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
