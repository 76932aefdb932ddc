/**
 * Every string the app shows lives in web/i18n/<lang>.json: a translation is
 * a file. The language is the browser's first one we ship (English, German),
 * else English.
 */
import { ApiProblem } from './api.js';
import type { SealedCounts } from '../../schemas/verdict.js';
export type Strings = Record<string, string>;
export const languages = ['en', 'de'] as const;

/** Where the reader's own choice of language is kept (the switch in the bar). */
const chosenKey = 'ekklesia.lang';

export function chooseLanguage(lang: (typeof languages)[number]): void {
  localStorage.setItem(chosenKey, lang);
}

/** The reader's choice, else the browser's first language we ship, else English. */
export function pickLanguage(preferred: readonly string[] = navigator.languages): (typeof languages)[number] {
  const chosen = languages.find((l) => l === localStorage.getItem(chosenKey));
  if (chosen) return chosen;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const found = languages.find((l) => l === base);
    if (found) return found;
  }
  return 'en';
}

export async function loadStrings(lang: string): Promise<Strings> {
  const res = await fetch(`/app/i18n/${lang}.json`);
  if (!res.ok) throw new Error(`no strings for ${lang}`);
  return (await res.json()) as Strings;
}

/**
 * A count in words: `key.one` or `key.other` (the language's plural rule, Intl.PluralRules), with {count} and
 * `values` replaced.
 */
export function tn(strings: Strings, key: string, count: number, values: Record<string, string> = {}): string {
  const form = new Intl.PluralRules(document.documentElement.lang || 'en').select(count);
  return t(strings, `${key}.${form === 'one' ? 'one' : 'other'}`, { ...values, count: String(count) });
}

/**
 * A sealed election's caption: its ballots and, weighted, the units they carried and the members who voted (their
 * heads), with (`withBase`, the projector) what the ballots or units are of; and what an option counts (its
 * units in a weighted election, where a member's vote is several ballots: docs/secrecy.md, "Weights").
 */
export function resultsCaption(strings: Strings, body: SealedCounts, withBase = false): string {
  const base = (what: string) => (withBase ? ` ${what}` : '');
  const parts = [tn(strings, 'chair.results', body.ballotsCast)];
  if (body.unitsCast === undefined)
    parts[0] += base(t(strings, 'projector.ofEligible', { eligible: String(body.eligible) }));
  else
    parts.push(
      t(strings, 'results.units', { units: String(body.unitsCast) }) +
        base(t(strings, 'projector.ofUnits', { units: String(body.eligibleUnits ?? 0) })),
    );
  if (body.voters !== undefined)
    parts.push(
      t(strings, 'results.voters', { voters: String(body.voters), eligible: String(body.eligibleVoters ?? 0) }),
    );
  return parts.join(' · ');
}

export const counted = (o: { votes: number; units?: number | undefined }) => o.units ?? o.votes;

/**
 * Turnout while a vote runs: ballots of the members eligible, or, weighted, ballots of the ballots the members'
 * weights make (each member casts one per denomination), never read as members.
 */
export function turnoutLine(strings: Strings, weighted: boolean, turnout: { eligible: number; ballotsCast: number }) {
  return t(strings, weighted ? 'chair.turnoutWeighted' : 'chair.turnout', {
    eligible: String(turnout.eligible),
    ballots: String(turnout.ballotsCast),
  });
}

/** The string for `key`, with {name} replaced from `values`; the key itself when missing (visible in tests). */
export function t(strings: Strings, key: string, values: Record<string, string> = {}, fallback?: string): string {
  return (strings[key] ?? fallback ?? key).replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

/**
 * An API error as a sentence (error.<code>); no answer at all is "offline". A refused request's sentence carries
 * the server's own words on what it refused (`detail`: which field, and why).
 */
export function problem(strings: Strings, err: unknown): string {
  const detail = err instanceof ApiProblem ? (err.detail ?? '') : '';
  return t(
    strings,
    `error.${err instanceof ApiProblem ? err.code : 'offline'}`,
    { detail },
    t(strings, 'error.unknown'),
  );
}

/** The fixed options' default labels (shared/registry/elections/ballotLayout.ts), in the reader's language. */
const fixedLabels: Record<string, string> = { yes: 'Yes', no: 'No', abstain: 'Abstain' };

/**
 * An option's label as the reader reads it: yes/no/abstain with the labels the server gives by default are
 * translated; a label the chair wrote is shown as written.
 */
export function optionLabel(strings: Strings, option: { id: string; label: string }): string {
  return fixedLabels[option.id] === option.label ? t(strings, `option.${option.id}`, {}, option.label) : option.label;
}
