/**
 * Terraform under infra/, read with a real HCL parser (@cdktf/hcl2json, the
 * HashiCorp HCL library compiled to WebAssembly): each directory's files
 * merged into one configuration, expressions kept as "${…}" strings, and the
 * references an expression makes (var., local., module., resources).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';

export const infraDir = path.resolve(import.meta.dirname, '../../infra');

type Blocks = Record<string, Record<string, unknown>[]>;
export type TfConfig = {
  dir: string;
  files: string[];
  variables: Record<string, { default?: unknown }>;
  outputs: Set<string>;
  locals: Record<string, unknown>;
  modules: Record<string, Record<string, unknown>>;
  /** "type.name" of every resource, "data.type.name" of every data source, "ephemeral.type.name" of every ephemeral one. */
  resources: Map<string, Record<string, unknown>>;
  /** Every expression string anywhere in the configuration. */
  expressions: string[];
  raw: Record<string, unknown>[];
};

/** Every directory under infra/ that holds .tf files. */
export function tfDirs(root = infraDir): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(dir);
    if (entries.some((e) => e.endsWith('.tf'))) out.push(dir);
    for (const e of entries) if (statSync(path.join(dir, e)).isDirectory()) walk(path.join(dir, e));
  };
  walk(root);
  return out.sort();
}

export async function loadTf(dir: string): Promise<TfConfig> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort();
  const raw = await Promise.all(
    files.map(async (f) => (await parse(f, readFileSync(path.join(dir, f), 'utf8'))) as Record<string, unknown>),
  );
  const config: TfConfig = {
    dir,
    files,
    variables: {},
    outputs: new Set(),
    locals: {},
    modules: {},
    resources: new Map(),
    expressions: [],
    raw,
  };
  for (const doc of raw) {
    for (const [name, blocks] of Object.entries((doc.variable ?? {}) as Blocks)) config.variables[name] = blocks[0]!;
    for (const name of Object.keys((doc.output ?? {}) as Blocks)) config.outputs.add(name);
    for (const block of (doc.locals ?? []) as Record<string, unknown>[]) Object.assign(config.locals, block);
    for (const [name, blocks] of Object.entries((doc.module ?? {}) as Blocks)) config.modules[name] = blocks[0]!;
    for (const [kind, prefix] of [
      ['resource', ''],
      ['data', 'data.'],
      ['ephemeral', 'ephemeral.'],
    ] as const) {
      for (const [type, named] of Object.entries((doc[kind] ?? {}) as Record<string, Blocks>)) {
        for (const [name, blocks] of Object.entries(named))
          config.resources.set(`${prefix}${type}.${name}`, blocks[0]!);
      }
    }
    collect(doc, config.expressions);
  }
  return config;
}

function collect(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    if (value.includes('${')) into.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => collect(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collect(v, into));
}

/** What an expression refers to, outside string literals inside it. */
export function references(expression: string) {
  const code = expression.replace(/"(?:[^"\\$]|\\.|\$(?!\{))*"/g, '""');
  const all = (re: RegExp) => [...code.matchAll(re)].map((m) => m.slice(1));
  return {
    vars: all(/\bvar\.([A-Za-z_][\w-]*)/g).map(([n]) => n!),
    locals: all(/\blocal\.([A-Za-z_][\w-]*)/g).map(([n]) => n!),
    modules: all(/\bmodule\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/g).map(([m, o]) => ({ module: m!, output: o! })),
    resources: all(/(?<![\w.])((?:data\.|ephemeral\.)?(?:google|random|terraform)_[a-z0-9_]+\.[A-Za-z_][\w-]*)/g).map(
      ([r]) => r!,
    ),
  };
}

/** A local's value where the configuration writes it as an object literal of literals. */
export function literal<T>(config: TfConfig, name: string): T {
  const value = config.locals[name];
  if (value === undefined) throw new Error(`no local ${name} in ${config.dir}`);
  return value as T;
}
