-- Every foreign key of every table; composite keys have one row per column (same id, rising seq).
-- "to" is NULL when the key references the parent's primary key implicitly.
SELECT m.name AS relation, f.id, f.seq, f."table" AS referenced_table, f."from" AS from_column, f."to" AS to_column
FROM sqlite_schema AS m
JOIN pragma_foreign_key_list(m.name) AS f
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND COALESCE(m.sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'
ORDER BY m.name, f.id, f.seq
