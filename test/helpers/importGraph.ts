/**
 * The modules a file loads at run time, followed transitively: static
 * imports and re-exports, and dynamic `import()` calls. Type-only imports
 * are erased by the compiler and load nothing, so they are not followed. A
 * dynamic import whose specifier is not a string literal cannot be followed
 * and is reported as a problem rather than silently skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type Graph = {
  /** Repository-relative paths of every project file reached, the entry included. */
  files: Set<string>;
  /** Packages reached (bare specifiers), by name. */
  packages: Set<string>;
  /** "file: why" for what could not be followed. */
  problems: string[];
  /** For each file reached, the file that first imported it: the chain to report. */
  via: Map<string, string>;
};

export function runtimeImports(file: string, text: string): { specifiers: string[]; problems: string[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const problems: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) specifiers.push(arg.text);
      else problems.push(`a dynamic import that cannot be followed: ${node.getText(source)}`);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
      problems.push(`require() is not followed: ${node.getText(source)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers, problems };
}

export function importGraph(root: string, entry: string): Graph {
  const graph: Graph = { files: new Set([entry]), packages: new Set(), problems: [], via: new Map() };
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    const { specifiers, problems } = runtimeImports(file, readFileSync(path.join(root, file), 'utf8'));
    graph.problems.push(...problems.map((p) => `${file}: ${p}`));
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) {
        graph.packages.add(
          specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!,
        );
        continue;
      }
      const target = path
        .relative(root, path.resolve(path.dirname(path.join(root, file)), specifier))
        .replace(/\.js$/, '.ts');
      if (!existsSync(path.join(root, target))) {
        graph.problems.push(`${file}: ${specifier} does not resolve to a file`);
        continue;
      }
      if (graph.files.has(target)) continue;
      graph.files.add(target);
      graph.via.set(target, file);
      queue.push(target);
    }
  }
  return graph;
}

/** entry → … → file, for a failure message. */
export function chain(graph: Graph, file: string): string {
  const steps = [file];
  for (let at = graph.via.get(file); at; at = graph.via.get(at)) steps.unshift(at);
  return steps.join(' → ');
}
