/**
 * The hashicorp/google provider's schema, read from the prebuilt CDKTF
 * bindings (@cdktf/provider-google 16.12.1, generated from hashicorp/google
 * 6.50.0, the version `~> 6.50` installs): each resource's config interface
 * names every argument and block (the Terraform name is the anchor of the
 * registry link in its doc comment) and marks the optional ones with `?`; a
 * block's type is another interface of the same file. The package (31 MB)
 * is fetched on first use into .cache/, its integrity checked, and only the
 * type files of the resources asked for are unpacked.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const version = '16.12.1';
const integrity = 'sha512-KqNA/5RiFT07r0PSZ6/07cJ2zESUgbj1JchVj21iBFBZVUbD+578xA/k8eq/r0cbyEgLmg9eYWeVslaYah4DCQ==';
const cacheDir = path.resolve(import.meta.dirname, '../../.cache', `provider-google-${version}`);
const tarball = path.join(cacheDir, `cdktf-provider-google-${version}.tgz`);

export type Field = { name: string; required: boolean; block?: Schema };
export type Schema = Map<string, Field>;

/** The folder of a resource's bindings: google_sql_user → sql-user; data google_project → data-google-project. */
export const bindingFolder = (type: string, data = false) =>
  `${data ? 'data-' : ''}${(data ? type : type.replace(/^google_/, '')).replace(/_/g, '-')}`;

function fetchPackage(): void {
  if (existsSync(tarball)) return;
  mkdirSync(cacheDir, { recursive: true });
  console.error(`fetching @cdktf/provider-google@${version} into .cache/ (first run only)…`);
  execFileSync('npm', ['pack', `@cdktf/provider-google@${version}`, '--silent', '--pack-destination', cacheDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (digest !== integrity) throw new Error(`@cdktf/provider-google@${version}: integrity ${digest}, not ${integrity}`);
}

let packaged: Set<string> | undefined;
/** The resource folders the package has (its listing read once). */
function packagedFolders(): Set<string> {
  fetchPackage();
  return (packaged ??= new Set(
    execFileSync('tar', ['-tzf', tarball], { maxBuffer: 64 << 20 })
      .toString()
      .split('\n')
      .filter((p) => p.endsWith('/index.d.ts'))
      .map((p) => p.split('/')[2]!),
  ));
}

/** Unpacks the type files of `folders` not unpacked yet; returns the folder they are in. */
export function ensureBindings(folders: string[]): string {
  const lib = path.join(cacheDir, 'package', 'lib');
  const missing = folders.filter((f) => !existsSync(path.join(lib, f, 'index.d.ts')));
  if (missing.length) {
    const known = packagedFolders();
    const present = missing.filter((f) => known.has(f));
    if (present.length)
      execFileSync('tar', ['-xzf', tarball, '-C', cacheDir, ...present.map((f) => `package/lib/${f}/index.d.ts`)]);
  }
  return lib;
}

/** Every interface of a bindings file: its fields by Terraform name. */
type Interface = { resource: boolean; fields: { name: string; required: boolean; type: string }[] };

function interfacesOf(source: string): Map<string, Interface> {
  const out = new Map<string, Interface>();
  for (const m of source.matchAll(/export interface (\w+)( extends [\w.]+)? \{\n([\s\S]*?)\n\}/g)) {
    const fields = [...m[3]!.matchAll(/#(\w+) [\w#]+\}[\s\S]*?\*\/\s*readonly \w+(\?)?: ([^;]+);/g)].map((f) => ({
      name: f[1]!,
      required: !f[2],
      type: f[3]!,
    }));
    // A resource's (or data source's) own config is the interface that takes Terraform's meta-arguments.
    out.set(m[1]!, { resource: m[2] === ' extends cdktf.TerraformMetaArguments', fields });
  }
  return out;
}

/** The schema of a resource (or, with `data`, a data source), or undefined if the provider has no such type. */
export function schemaOf(type: string, data = false): Schema | undefined {
  const folder = bindingFolder(type, data);
  const file = path.join(ensureBindings([folder]), folder, 'index.d.ts');
  if (!existsSync(file)) return undefined;
  const interfaces = interfacesOf(readFileSync(file, 'utf8'));
  const config = [...interfaces].find(([, i]) => i.resource)?.[0];
  const build = (name: string, seen: Set<string>): Schema => {
    const schema: Schema = new Map();
    for (const f of interfaces.get(name)?.fields ?? []) {
      const inner = f.type
        .replace(/\s*\|\s*cdktf\.IResolvable/g, '')
        .replace(/\[\]$/, '')
        .trim();
      const block = interfaces.has(inner) && !seen.has(inner) ? build(inner, new Set([...seen, inner])) : undefined;
      schema.set(f.name, { name: f.name, required: f.required, ...(block ? { block } : {}) });
    }
    return schema;
  };
  return config ? build(config, new Set([config])) : undefined;
}

/** The folders unpacked so far (for the test's report). */
export const unpacked = () =>
  existsSync(path.join(cacheDir, 'package', 'lib')) ? readdirSync(path.join(cacheDir, 'package', 'lib')) : [];
