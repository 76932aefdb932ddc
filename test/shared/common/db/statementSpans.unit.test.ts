/** A statement's span name: what it does and to what, from the text before its first parameter, nothing else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statementName } from '../../../../shared/common/db/statementSpans.js';

test('a statement is named by its verb and its table or function, never by a value', () => {
  assert.equal(statementName('\n    select * from registry.token_request('), 'pg select registry.token_request');
  assert.equal(statementName('insert into registry.outbox (org_id, id, type) values ('), 'pg insert registry.outbox');
  assert.equal(statementName('update ballot_box.elections set status = '), 'pg update ballot_box.elections');
  assert.equal(statementName("select set_config('app.org_id', "), 'pg select');
  assert.equal(statementName('select pg_advisory_xact_lock(hashtextextended('), 'pg select');
  assert.equal(
    statementName('with x as (select 1) delete from registry.members where id = '),
    'pg delete registry.members',
  );
  assert.equal(statementName('vacuum'), 'pg statement');
});
