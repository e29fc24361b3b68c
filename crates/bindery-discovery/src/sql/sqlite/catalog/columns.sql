-- Every column of every table and view, in one pass over the table-valued pragma.
-- hidden: 0 ordinary, 1 hidden (virtual tables), 2 generated VIRTUAL, 3 generated STORED.
SELECT m.name AS relation, c.cid, c.name, c.type, c."notnull" AS not_null, c.dflt_value, c.pk, c.hidden
FROM sqlite_schema AS m
JOIN pragma_table_xinfo(m.name) AS c
WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND COALESCE(m.sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'
ORDER BY m.name, c.cid
