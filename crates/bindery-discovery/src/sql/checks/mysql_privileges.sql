-- Privileges the current login holds globally or on the connected database (information_schema
-- shows only the current login's own grants).
SELECT DISTINCT PRIVILEGE_TYPE FROM (
  SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES
  UNION ALL
  SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE TABLE_SCHEMA = DATABASE()
  UNION ALL
  SELECT PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES WHERE TABLE_SCHEMA = DATABASE()
) AS p
