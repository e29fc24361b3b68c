-- Tables and views of the connected database. TABLE_TYPE: BASE TABLE, VIEW, SYSTEM VERSIONED
-- (MariaDB, a table), SEQUENCE (MariaDB), TEMPORARY; a view's comment is the word VIEW.
SELECT TABLE_NAME AS table_name, TABLE_TYPE AS table_type, ENGINE AS engine,
       TABLE_COMMENT AS table_comment
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME
