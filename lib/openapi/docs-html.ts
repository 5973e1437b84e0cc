// /api/docs: the OpenAPI document as one static, readable HTML page. No scripts and no styles (API
// answers carry a CSP that allows neither, and the machine may reach no CDN): headings, tables and
// the schemas as indented JSON, which a browser shows well enough and a text browser too.

type Json = Record<string, unknown>;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const pre = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

function parametersTable(params: Json[]): string {
  if (params.length === 0) return "";
  const rows = params
    .map((p) => {
      const schema = JSON.stringify(p.schema);
      const example = p.example === undefined ? "" : escapeHtml(String(p.example));
      return `<tr><td><code>${escapeHtml(String(p.name))}</code></td><td>${escapeHtml(String(p.in))}${p.required ? ", required" : ""}</td><td><code>${escapeHtml(schema)}</code></td><td>${example}</td></tr>`;
    })
    .join("");
  return `<table border="1" cellpadding="4"><thead><tr><th>parameter</th><th>in</th><th>schema</th><th>example</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function responsesList(responses: Json): string {
  const items = Object.entries(responses).map(([status, r]) => {
    const ref = (r as { $ref?: string }).$ref;
    const text = ref
      ? "error envelope (see below)"
      : escapeHtml(String((r as { description?: string }).description ?? ""));
    const types = Object.keys(((r as { content?: Json }).content ?? {}) as Json).join(", ");
    return `<li><b>${escapeHtml(status)}</b> ${text}${types ? ` <code>${escapeHtml(types)}</code>` : ""}</li>`;
  });
  return `<ul>${items.join("")}</ul>`;
}

function operationSection(path: string, method: string, op: Json): string {
  const body = (op.requestBody as { content?: Record<string, { schema: unknown; example: unknown }> } | undefined)
    ?.content?.["application/json"];
  return [
    `<h3 id="${escapeHtml(String(op.operationId))}"><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h3>`,
    `<p>${escapeHtml(String(op.summary))}${Array.isArray(op.security) && op.security.length === 0 ? " <i>(no sign-in needed)</i>" : ""}</p>`,
    parametersTable((op.parameters as Json[]) ?? []),
    body ? `<p>JSON body schema:</p>${pre(body.schema)}<p>Example:</p>${pre(body.example)}` : "",
    `<p>Responses:</p>${responsesList(op.responses as Json)}`,
  ].join("\n");
}

/** The page for `doc` (an OpenAPI 3.1 document as buildOpenApiDocument makes it). */
export function renderDocsHtml(doc: Json): string {
  const info = doc.info as { title: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const sections: string[] = [];
  const toc: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      toc.push(
        `<li><a href="#${escapeHtml(String(op.operationId))}"><code>${method.toUpperCase()} ${escapeHtml(path)}</code></a> ${escapeHtml(String(op.summary))}</li>`,
      );
      sections.push(operationSection(path, method, op));
    }
  }
  const components = doc.components as {
    schemas: Json;
    responses: { Error: { content: Record<string, { example: unknown }> } };
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(info.title)}</title></head>
<body>
<h1>${escapeHtml(info.title)}</h1>
<p>${escapeHtml(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Sign in, or send <code>Authorization: Bearer &lt;API token&gt;</code>.</p>
<h2>Operations</h2>
<ul>${toc.join("\n")}</ul>
${sections.join("\n<hr>\n")}
<h2 id="errors">Error envelope</h2>
${pre(components.schemas.ErrorBody)}
<p>Example:</p>${pre(components.responses.Error.content["application/json"]?.example)}
</body></html>
`;
}
