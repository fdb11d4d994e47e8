-- Lists can be sorted by title (books) and name (authors, genres), ties broken by id; a
-- keyset page then starts at (title, id) > (cursor's title, cursor's id). These indexes let a
-- page deep in a large table start from the cursor instead of reading every row before it.
CREATE INDEX book_title_id_idx ON book (title, id);
CREATE INDEX author_name_id_idx ON author (name, id);
CREATE INDEX genre_name_id_idx ON genre (name, id);
