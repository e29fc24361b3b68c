-- Check constraints (MySQL 8.0.16+). Names are per database; the table comes from
-- TABLE_CONSTRAINTS. MySQL does not say whether a check was written on a column.
SELECT tc.TABLE_NAME AS table_name, cc.CONSTRAINT_NAME AS constraint_name, NULL AS level,
       cc.CHECK_CLAUSE AS check_clause
FROM information_schema.TABLE_CONSTRAINTS AS tc
JOIN information_schema.CHECK_CONSTRAINTS AS cc
  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'
ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME
