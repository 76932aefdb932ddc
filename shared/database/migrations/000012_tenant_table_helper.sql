-- The tenancy boilerplate of every table, in one place: Row-Level Security
-- enabled and forced (so even the table's owner is subject to it), and the
-- policy that matches a row only when its org_id is the transaction's
-- app.org_id (so with no tenant set, nothing is visible). A new table gets it
-- with one line:
--   SELECT ekklesia_meta.tenant_table('registry.new_table');
-- Cross-tenant access for a particular role (the relay, the lifecycle
-- worker) stays an explicit extra policy next to the table, for review.
CREATE FUNCTION ekklesia_meta.tenant_table(tbl regclass) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (org_id = current_setting(''app.org_id'', true)) '
    'WITH CHECK (org_id = current_setting(''app.org_id'', true))', tbl);
END
$$;
REVOKE ALL ON FUNCTION ekklesia_meta.tenant_table(regclass) FROM PUBLIC;
