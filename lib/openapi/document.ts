import { z } from "zod";
import { ERROR_STATUS } from "@/lib/errors";
import type { Operation } from "./operation";
import { OPERATIONS } from "./operations";

// Builds the OpenAPI 3.1 document from lib/openapi/operations.ts. zod 4 writes JSON Schema 2020-12,
// which is OpenAPI 3.1's schema dialect, so its output is used as it is. `io: "input"` describes
// what a client sends (before defaults and trimming apply).

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  delete out.$schema; // the document's dialect is OpenAPI 3.1's own
  return out;
}

/** One `in: query` parameter per property of the query schema. */
function queryParameters(op: Operation): Json[] {
  if (!op.query) return [];
  const schema = jsonSchema(op.query) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    schema: prop,
    ...(op.queryExample?.[name] !== undefined ? { example: op.queryExample[name] } : {}),
  }));
}

function pathParameters(op: Operation): Json[] {
  return Object.entries(op.pathParams ?? {}).map(([name, schema]) => ({
    name,
    in: "path",
    required: true,
    schema: jsonSchema(schema),
  }));
}

const errorRef = { $ref: "#/components/responses/Error" };

function responses(op: Operation): Json {
  const out: Json = {
    [op.ok.status]: {
      description: op.ok.description,
      ...(op.ok.type ? { content: { [op.ok.type]: {} } } : {}),
    },
  };
  const codes = new Set<keyof typeof ERROR_STATUS>([...(op.errors ?? []), "internal", "storage_unavailable"]);
  if (op.protected !== false) codes.add("unauthorized");
  if (op.body || op.method !== "get") codes.add("method_not_allowed");
  for (const code of codes) out[ERROR_STATUS[code]] = errorRef;
  return out;
}

function operationObject(op: Operation): Json {
  return {
    summary: op.summary,
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    ...(op.protected === false ? { security: [] } : {}),
    parameters: [...pathParameters(op), ...queryParameters(op)],
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(op.body), example: op.bodyExample } },
          },
        }
      : {}),
    responses: responses(op),
  };
}

/** The error envelope, as lib/http.ts builds it. */
export const ErrorBodySchema = z
  .object({
    error: z
      .object({
        code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
        message: z.string(),
        details: z.array(z.object({ field: z.string(), problem: z.string() }).strict()).optional(),
      })
      .strict(),
  })
  .strict();

export const ERROR_EXAMPLE = {
  error: {
    code: "invalid_query",
    message: "Invalid query parameters.",
    details: [{ field: "limit", problem: "Too big: expected number to be <=500" }],
  },
};

/** The whole document: every operation in OPERATIONS, grouped by path. */
export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "Upgrade Monitor API",
      version: "1",
      description:
        "Reads upgrade tasks, devices and exports; receives the platform's pushes; manages alerts and the error-code dictionary. " +
        "Times are ISO-8601 UTC strings; lists are keyset-paged (pass `nextCursor` back as `cursor`). Every error answers one envelope.",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }, { apiToken: [] }],
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "Signed in on /signin" },
        apiToken: {
          type: "http",
          scheme: "bearer",
          description: "A token from `npm run auth:api-token`, listed in API_TOKENS",
        },
      },
      schemas: { ErrorBody: jsonSchema(ErrorBodySchema) },
      responses: {
        Error: {
          description: "The error envelope; `details` lists field problems. 503 carries `Retry-After`.",
          content: {
            "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" }, example: ERROR_EXAMPLE },
          },
        },
      },
    },
  };
}
