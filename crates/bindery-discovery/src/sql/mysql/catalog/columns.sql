-- Every column of every table and view, in ordinal order. COLUMN_TYPE is the full declared type
-- (`int(11) unsigned`, `enum('a','b')`); EXTRA holds auto_increment, VIRTUAL/STORED GENERATED
-- (PERSISTENT in old MariaDB), DEFAULT_GENERATED (MySQL 8), on update ..., INVISIBLE. MariaDB
-- prints a default of NULL as the word NULL and quotes string defaults; MySQL 8 does neither.
SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name,
       CAST(ORDINAL_POSITION AS SIGNED) AS ordinal, COLUMN_TYPE AS column_type,
       DATA_TYPE AS data_type, IS_NULLABLE AS is_nullable, COLUMN_DEFAULT AS column_default,
       EXTRA AS extra, COLUMN_COMMENT AS column_comment
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, ORDINAL_POSITION
