-- Check constraints (MariaDB 10.2+). Names are per table; LEVEL Column means a column constraint
-- named after its column (MariaDB's JSON columns carry one: json_valid(`col`)).
SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name, LEVEL AS level,
       CHECK_CLAUSE AS check_clause
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, CONSTRAINT_NAME
