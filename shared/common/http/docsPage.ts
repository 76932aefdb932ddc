/**
 * Browsable docs of an OpenAPI document, rendered on the server as one
 * self-contained page: no script, no stylesheet or font from elsewhere, so it
 * works offline and behind any content policy. Each operation shows who may
 * call it, its parameters, its body (schema and example) and every answer.
 */
type Json = Record<string, unknown>;

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const code = (value: unknown) => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

function operationHtml(path: string, method: string, op: Json): string {
  const security = (op.security as Json[] | undefined)?.flatMap((s) => Object.keys(s)) ?? [];
  const params = ((op.parameters as Json[] | undefined) ?? []).filter((p) => !('$ref' in p));
  const body = (op.requestBody as { content?: Record<string, Json> } | undefined)?.content?.['application/json'];
  const responses = Object.entries((op.responses as Record<string, Json>) ?? {});
  return `<section id="${escape(String(op.operationId))}">
<h3><span class="method">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p><strong>${escape(String(op.summary ?? ''))}</strong></p>
<p>${escape(String(op.description ?? ''))}</p>
<p>Who: ${security.length ? security.map((s) => `<code>${escape(s)}</code>`).join(', ') : 'anyone'}</p>
${params.length ? `<h4>Parameters</h4><ul>${params.map((p) => `<li><code>${escape(String(p.name))}</code> (${escape(String(p.in))})${p.schema ? code(p.schema) : ''}</li>`).join('')}</ul>` : ''}
${body ? `<h4>Body</h4>${code(body.schema)}${body.example === undefined ? '' : `<p>Example</p>${code(body.example)}`}` : ''}
<h4>Answers</h4><dl>${responses
    .map(([status, r]) => {
      const schema = (r.content as Record<string, Json> | undefined)?.['application/json']?.schema;
      return `<dt>${escape(status)}</dt><dd>${escape(String(r.description ?? ''))}${status.startsWith('2') && schema ? code(schema) : ''}</dd>`;
    })
    .join('')}</dl>
</section>`;
}

export function docsPage(document: Json, jsonPath: string): string {
  const info = document.info as { title: string; description: string; version: string };
  const paths = Object.entries(document.paths as Record<string, Record<string, Json>>);
  const operations = paths.flatMap(([path, methods]) =>
    Object.entries(methods).map(([m, op]) => ({ path, method: m, op })),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#111;background:#fff}
pre{background:#f4f4f4;padding:.5rem;overflow-x:auto;font-size:.85rem}
section{border-top:1px solid #ccc;padding-top:.5rem;margin-top:1.5rem}
.method{display:inline-block;min-width:3.5rem;font-weight:700}
dt{font-weight:700}
a{color:#0645ad}
</style></head><body>
<h1>${escape(info.title)} <small>v${escape(info.version)}</small></h1>
<p>${escape(info.description)}</p>
<p>Machine-readable: <a href="${escape(jsonPath)}">${escape(jsonPath)}</a></p>
<nav><h2>Operations</h2><ul>${operations
    .map(
      ({ path, method, op }) =>
        `<li><a href="#${escape(String(op.operationId))}">${method.toUpperCase()} ${escape(path)}</a>: ${escape(String(op.summary ?? ''))}</li>`,
    )
    .join('')}</ul></nav>
${operations.map(({ path, method, op }) => operationHtml(path, method, op)).join('\n')}
</body></html>
`;
}
