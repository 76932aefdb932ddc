/**
 * `EKKLESIA_CPU_PROFILE=dir npm start`: each child of the stack gets Node's `--cpu-prof` flags, named for it, and
 * none without the setting (an empty folder name is refused, as every setting is parsed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuProfileFlags } from '../../local/config.js';

test('a profile per child in the folder named, none without it, an empty name refused', () => {
  assert.deepEqual(cpuProfileFlags('elections', { EKKLESIA_CPU_PROFILE: '/tmp/profiles' }), [
    '--cpu-prof',
    '--cpu-prof-dir=/tmp/profiles',
    '--cpu-prof-name=elections.cpuprofile',
  ]);
  assert.deepEqual(cpuProfileFlags('elections', {}), []);
  assert.throws(() => cpuProfileFlags('elections', { EKKLESIA_CPU_PROFILE: '' }), /EKKLESIA_CPU_PROFILE/);
});
