// The browsable API docs page (/api/docs), rendered once from the OpenAPI document: plain HTML
// with no scripts and no external assets. Pure: no I/O.

const esc = (s: unknown): string => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: Record<string, unknown>;
}

function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(' | ');
  if (schema.type === 'array') return `list of ${typeOf((schema.items ?? {}) as Record<string, unknown>)}`;
  const range = schema.minimum !== undefined ? ` (${String(schema.minimum)}..${String(schema.maximum)})` : '';
  return `${String(schema.type ?? 'any')}${range}`;
}

export function renderDocsPage(openApi: Record<string, unknown>): string {
  const info = openApi.info as { title: string; version: string; description: string };
  const paths = openApi.paths as Record<string, { get: { summary: string; description?: string; parameters: Parameter[]; responses: Record<string, { description: string }> } }>;
  const sections = Object.entries(paths)
    .map(([path, { get }]) => {
      const rows = get.parameters
        .map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}${p.required ? ', required' : ''}</td><td>${esc(typeOf(p.schema))}${p.schema.default !== undefined ? `, default <code>${esc(JSON.stringify(p.schema.default))}</code>` : ''}</td><td>${esc(p.description)}</td></tr>`)
        .join('');
      const responses = Object.entries(get.responses).map(([s, r]) => `<li><strong>${esc(s)}</strong> ${esc(r.description)}</li>`).join('');
      const example = path.includes('{') ? '' : ` <a href="${esc(path)}">try it</a>`;
      return `<section><h2><code>GET ${esc(path)}</code>${example}</h2><p>${esc(get.summary)}${get.description ? '. ' + esc(get.description) : ''}</p>${
        rows ? `<table><thead><tr><th scope="col">parameter</th><th scope="col">in</th><th scope="col">type</th><th scope="col">meaning</th></tr></thead><tbody>${rows}</tbody></table>` : ''
      }<ul>${responses}</ul></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
code{font:0.95em ui-monospace,monospace;background:#f1f1f1;padding:0 .2em}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
a{color:#0645ad}h2{font-size:1.1rem;margin-top:2rem}
</style></head><body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${esc(info.description)} Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(openApi.openapi)}). The web page: <a href="/">/</a>.</p>
${sections}
</body></html>
`;
}
