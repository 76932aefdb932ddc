-- The web app's first question after sign-in: which organisations is this
-- person an active member of, and with which role? The roster is per org
-- under row-level security, so a question across orgs needs one narrow door:
-- a SECURITY DEFINER function that answers for one subject only, with the
-- org's id, name and the role, nothing else of the roster. Only the events
-- function's role may call it (it already reads any org's roster by setting
-- that org as its tenant; this gives it no more).
CREATE FUNCTION registry.memberships_of(p_subject text)
RETURNS TABLE (org_id text, org_name text, role text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, registry
AS $$
  SELECT m.org_id, o.name, m.role
  FROM registry.members m JOIN registry.orgs o USING (org_id)
  WHERE m.subject = p_subject AND m.status = 'active'
  ORDER BY o.name, m.org_id
$$;
REVOKE ALL ON FUNCTION registry.memberships_of(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION registry.memberships_of(text) TO ekklesia_registry;
