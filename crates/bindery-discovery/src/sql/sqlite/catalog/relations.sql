-- Tables and views (SQLite's internal sqlite_* tables excluded).
SELECT type, name, COALESCE(sql, '') AS sql
FROM sqlite_schema
WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY name
