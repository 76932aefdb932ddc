/**
 * JSON with every object's keys sorted and undefined members left out: the
 * one text of a value, whatever order its keys were written in (jsonb
 * reorders them). The tracker's header is hashed in it (docs/tracker.md), and
 * a stored verdict compares equal to one decided again. Pure: the server and
 * the browser use it alike.
 */
export function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x);
}
