-- A version per row, bumped by every update: the ETag clients send back in If-Match,
-- and Hibernate's optimistic lock, so that of two writers who read the same version
-- only the first one wins.
ALTER TABLE book ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE author ADD COLUMN version bigint NOT NULL DEFAULT 0;
