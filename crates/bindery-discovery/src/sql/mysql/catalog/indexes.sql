-- Every index of every table with its columns in index order (SEQ_IN_INDEX). PRIMARY is the
-- primary key; COLUMN_NAME is NULL for a functional key part (MySQL 8.0.13+). INDEX_TYPE:
-- BTREE, HASH, FULLTEXT, SPATIAL.
SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name,
       CAST(NON_UNIQUE AS SIGNED) AS non_unique, CAST(SEQ_IN_INDEX AS SIGNED) AS seq,
       COLUMN_NAME AS column_name, INDEX_TYPE AS index_type
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
