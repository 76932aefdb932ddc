/**
 * A delegate conference's roster, the same for bench (e) `--assembly` and
 * `npm run burst -- --assembly N --weighted`: weights spread as a
 * conference's (most 1, some tens, a few hundreds) and a fifth of the
 * members delegating to a holder of up to three.
 */

/**
 * Member i of an assembly: a fifth delegate (i ≡ 4 mod 5), each to the member i - (i mod 15) + 1, so a holder
 * (≡ 1 mod 15, never a delegator) holds three; one in twenty weighs 100–499, one in five 10–49, the rest 1.
 */
export function assemblyRole(i: number, prefix: string): { weight: number; delegateTo?: string } {
  const weight = i % 20 === 0 ? 100 + (i % 400) : i % 5 === 1 ? 10 + (i % 40) : 1;
  return i % 5 === 4 ? { weight, delegateTo: `${prefix}${i - (i % 15) + 1}` } : { weight };
}

export type RosterEntry = { subject: string; role: 'member'; status: 'active'; weight?: number; delegateTo?: string };

/**
 * `count` members named prefix0, prefix1, …, as an assembly's (`weighted`) or all of weight 1; holders first, so a
 * roster written in order of chunks names only members already on it. `askers`: who asks for a token (the
 * delegators do not: their holders get their tokens).
 */
export function assemblyRoster(count: number, prefix: string, weighted: boolean) {
  const roster: RosterEntry[] = Array.from({ length: count }, (_, i) => ({
    subject: `${prefix}${i}`,
    role: 'member',
    status: 'active',
    ...(weighted ? assemblyRole(i, prefix) : {}),
  }));
  roster.sort((a, b) => Number('delegateTo' in a) - Number('delegateTo' in b));
  return { roster, askers: roster.filter((m) => !('delegateTo' in m)).map((m) => m.subject) };
}
