/**
 * `npm run -s costs [-- --write]`: the cost model (scripts/costs/model.ts) of
 * dev and prod from the Terraform sizing and infra/prices.json, as the
 * tables of docs/COSTS.md; `--write` puts them there.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { atRest, meetingDay, table } from './costs/model.js';
import { infraOf, prices } from './costs/fromTerraform.js';

const doc = path.resolve(import.meta.dirname, '../docs/COSTS.md');

/** Each generated table, by its marker in docs/COSTS.md. */
export async function costTables(): Promise<Record<string, string>> {
  const p = prices();
  const out: Record<string, string> = {};
  for (const env of ['prod', 'dev'] as const) {
    const infra = await infraOf(env);
    out[`${env}:rest`] = table(atRest(p, infra));
    out[`${env}:meeting`] = table(meetingDay(p, infra));
  }
  // The previous production default, for comparison: an always-on standby and one warm instance each of events and
  // elections, ready without the lifecycle worker.
  const prod = await infraOf('prod');
  out['always:rest'] = table(
    atRest(p, {
      ...prod,
      policy: { ...prod.policy, base_tier: 'db-custom-1-3840', base_availability: 'REGIONAL', base_min_instances: 1 },
      sizing: { ...prod.sizing, events: { ...prod.sizing.events!, min_instances: 1 } },
    }),
  );
  return out;
}

/** docs/COSTS.md with every marked table replaced by its generated text. */
export function withTables(text: string, tables: Record<string, string>): string {
  return text.replace(
    /(<!-- costs:([a-z]+:[a-z]+) -->\n)[\s\S]*?(\n<!-- \/costs -->)/g,
    (_, open: string, key: string, close: string) => {
      if (!(key in tables)) throw new Error(`docs/COSTS.md: no table ${key}`);
      return `${open}${tables[key]}${close}`;
    },
  );
}

if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith('scripts/costs.ts')) {
  const tables = await costTables();
  if (process.argv.includes('--write')) {
    writeFileSync(doc, withTables(readFileSync(doc, 'utf8'), tables));
    console.log('docs/COSTS.md updated');
  } else for (const [key, text] of Object.entries(tables)) console.log(`## ${key}\n\n${text}\n`);
}
