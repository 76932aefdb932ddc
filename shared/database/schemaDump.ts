/**
 * A deterministic text dump of the project's schemas, read from the catalogs
 * (no pg_dump needed, so it works with the embedded server too): tables and
 * their RLS flags, columns, constraints, indexes, policies, grants and
 * functions. Committed as schema.dump.txt; a test fails when migrations
 * change the schema without it.
 */
import type { Sql } from '../common/db/pool.js';

const schemas = ['registry', 'ballot_box', 'ekklesia_meta', 'ops'];

type Line = { line: string };

export async function dumpSchema(sql: Sql): Promise<string> {
  const sections: [string, Line[]][] = [
    [
      'schemas',
      await sql<Line[]>`
        select n.nspname || ' usage: ' || coalesce((
          select string_agg(r.rolname, ', ' order by r.rolname) from pg_roles r
          where r.rolname like 'ekklesia\_%' and has_schema_privilege(r.oid, n.oid, 'USAGE')), '-') as line
        from pg_namespace n where n.nspname = any(${schemas}) order by 1`,
    ],
    [
      'tables',
      await sql<Line[]>`
        select n.nspname || '.' || c.relname || ' rls=' || c.relrowsecurity || ' force=' || c.relforcerowsecurity
          || coalesce(' ' || array_to_string(c.reloptions, ' '), '') as line
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any(${schemas}) and c.relkind in ('r', 'p', 'v', 'm') order by 1`,
    ],
    [
      'columns',
      await sql<Line[]>`
        select n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
          || case when a.attnotnull then ' not null' else '' end
          || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') as line
        from pg_attribute a
        join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where n.nspname = any(${schemas}) and c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped
        order by n.nspname, c.relname, a.attnum`,
    ],
    [
      'constraints',
      await sql<Line[]>`
        select n.nspname || '.' || c.relname || ' ' || k.conname || ': ' || pg_get_constraintdef(k.oid) as line
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any(${schemas}) order by 1`,
    ],
    [
      'indexes',
      await sql<Line[]>`
        select pg_get_indexdef(i.indexrelid) as line
        from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any(${schemas}) order by 1`,
    ],
    [
      'policies',
      await sql<Line[]>`
        select schemaname || '.' || tablename || ' ' || policyname || ' ' || cmd || ' to ' || array_to_string(roles, ',')
          || ' using (' || coalesce(qual, '') || ') check (' || coalesce(with_check, '') || ')' as line
        from pg_policies where schemaname = any(${schemas}) order by 1`,
    ],
    [
      'grants',
      await sql<Line[]>`
        select table_schema || '.' || table_name || ' ' || grantee || ': '
          || string_agg(privilege_type, ', ' order by privilege_type) as line
        from information_schema.role_table_grants
        where table_schema = any(${schemas}) and grantee like 'ekklesia\_%'
        group by table_schema, table_name, grantee order by 1`,
    ],
    [
      'functions',
      await sql<Line[]>`
        select pg_get_functiondef(p.oid) as line
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = any(${schemas}) order by n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)`,
    ],
  ];
  return sections.map(([title, rows]) => `## ${title}\n${rows.map((r) => r.line).join('\n')}\n`).join('\n');
}
