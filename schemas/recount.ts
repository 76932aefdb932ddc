/**
 * The results a tracker proves (docs/tracker.md): per option, the ballots
 * that chose it and, for a weighted election's ballots, the units they
 * carried and the members' heads (ballots of 0 units, one per member) among
 * them; and the ballots, units and heads in all. Pure, with no Node or
 * browser API: the seal counts with it (shared/ballot_box/db/sealElection.ts),
 * and `npm run tracker:verify` and the web app's "check my ballot" recount
 * the published tracker with it and compare.
 */
export type Recounted = {
  ballotsCast: number;
  unitsCast: number;
  voters: number;
  options: Map<string, { votes: number; units: number; voters: number }>;
};

type Ballot = { choices: readonly string[]; units?: number | undefined };

export function recount(optionIds: readonly string[], ballots: readonly Ballot[]): Recounted {
  const options = new Map(optionIds.map((id) => [id, { votes: 0, units: 0, voters: 0 }]));
  let unitsCast = 0;
  let voters = 0;
  for (const { choices, units = 1 } of ballots) {
    const isHead = units === 0;
    unitsCast += units;
    if (isHead) voters += 1;
    for (const choice of choices) {
      const count = options.get(choice);
      if (count) ((count.votes += 1), (count.units += units), (count.voters += isHead ? 1 : 0));
    }
  }
  return { ballotsCast: ballots.length, unitsCast, voters, options };
}

/** Where published results and the tracker's recount differ (none: they agree). */
export function recountDiffers(
  results: {
    ballotsCast: number;
    unitsCast?: number | undefined;
    voters?: number | undefined;
    options: readonly { id: string; votes: number; units?: number | undefined; voters?: number | undefined }[];
  },
  ballots: readonly Ballot[],
): string | undefined {
  const again = recount(
    results.options.map((o) => o.id),
    ballots,
  );
  if (again.ballotsCast !== results.ballotsCast)
    return `ballots: ${again.ballotsCast} in the tracker, ${results.ballotsCast} in the results`;
  if (results.unitsCast !== undefined && again.unitsCast !== results.unitsCast)
    return `units: ${again.unitsCast} in the tracker, ${results.unitsCast} in the results`;
  if (results.voters !== undefined && again.voters !== results.voters)
    return `voters: ${again.voters} in the tracker, ${results.voters} in the results`;
  for (const o of results.options) {
    const counted = again.options.get(o.id)!;
    if (
      counted.votes !== o.votes ||
      (o.units !== undefined && counted.units !== o.units) ||
      (o.voters !== undefined && counted.voters !== o.voters)
    )
      return (
        `${o.id}: ${counted.votes} ballots / ${counted.units} units / ${counted.voters} voters in the tracker, ` +
        `${o.votes} / ${o.units ?? '-'} / ${o.voters ?? '-'} in the results`
      );
  }
  return undefined;
}
