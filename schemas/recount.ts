/**
 * The results a tracker proves (docs/tracker.md): per option, the ballots
 * that chose it and, for a weighted election's ballots, the units they
 * carried; and the ballots and units in all. Pure, with no Node or browser
 * API: the seal counts with it (shared/ballot_box/db/sealElection.ts), and
 * `npm run tracker:verify` and the web app's "check my ballot" recount the
 * published tracker with it and compare.
 */
export type Recounted = {
  ballotsCast: number;
  unitsCast: number;
  options: Map<string, { votes: number; units: number }>;
};

export function recount(
  optionIds: readonly string[],
  ballots: readonly { choices: readonly string[]; units?: number | undefined }[],
): Recounted {
  const options = new Map(optionIds.map((id) => [id, { votes: 0, units: 0 }]));
  let unitsCast = 0;
  for (const { choices, units = 1 } of ballots) {
    unitsCast += units;
    for (const choice of choices) {
      const count = options.get(choice);
      if (count) ((count.votes += 1), (count.units += units));
    }
  }
  return { ballotsCast: ballots.length, unitsCast, options };
}

/** Where published results and the tracker's recount differ (none: they agree). */
export function recountDiffers(
  results: {
    ballotsCast: number;
    unitsCast?: number | undefined;
    options: readonly { id: string; votes: number; units?: number | undefined }[];
  },
  ballots: readonly { choices: readonly string[]; units?: number | undefined }[],
): string | undefined {
  const again = recount(
    results.options.map((o) => o.id),
    ballots,
  );
  if (again.ballotsCast !== results.ballotsCast)
    return `ballots: ${again.ballotsCast} in the tracker, ${results.ballotsCast} in the results`;
  if (results.unitsCast !== undefined && again.unitsCast !== results.unitsCast)
    return `units: ${again.unitsCast} in the tracker, ${results.unitsCast} in the results`;
  for (const o of results.options) {
    const counted = again.options.get(o.id)!;
    if (counted.votes !== o.votes || (o.units !== undefined && counted.units !== o.units))
      return `${o.id}: ${counted.votes} ballots / ${counted.units} units in the tracker, ${o.votes}${o.units === undefined ? '' : ` / ${o.units}`} in the results`;
  }
  return undefined;
}
