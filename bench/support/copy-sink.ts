// Bulk writers for the loader: COPY ... FROM STDIN through pg-copy-streams on PostgreSQL, COPY from
// an in-memory blob on PGlite. Rows go in as COPY text lines (tab-separated, \N for NULL).
import type { Writable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

type Cell = string | number | bigint | boolean | Date | null | undefined;

/** One COPY text-format line. */
export function copyLine(cells: readonly Cell[]): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (i > 0) out += "\t";
    if (c === null || c === undefined) out += "\\N";
    else if (c instanceof Date) out += c.toISOString();
    else if (typeof c === "string") out += /[\\\n\r\t]/.test(c) ? c.replace(/[\\\n\r\t]/g, escapeChar) : c;
    else out += String(c);
  }
  return `${out}\n`;
}

const escapeChar = (c: string) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t");

export interface TableWriter {
  write(line: string): Promise<void>;
  end(): Promise<void>;
}

export interface BulkTarget {
  /** Runs SQL (several statements allowed) and returns rows of the last one. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  open(table: string, columns: readonly string[]): Promise<TableWriter>;
  close(): Promise<void>;
}

export async function postgresTarget(url: string): Promise<BulkTarget> {
  const clients: pg.Client[] = [];
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // A bulk load needs neither a durable commit per statement nor the default 64 MB of sort memory.
    await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'");
    clients.push(c);
    return c;
  };
  const main = await connect();
  return {
    query: async <T>(sql: string) => {
      const r = await main.query(sql);
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      return (last?.rows ?? []) as T[];
    },
    open: async (table, columns) => {
      // Each table streams over its own connection, so all of them can be open at once.
      const c = await connect();
      const stream: Writable = c.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
      const done = new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
      });
      let buffer = "";
      const flush = async () => {
        if (!stream.write(buffer)) await new Promise((r) => stream.once("drain", r));
        buffer = "";
      };
      return {
        write: async (line) => {
          buffer += line;
          if (buffer.length > 256 * 1024) await flush();
        },
        end: async () => {
          if (buffer) await flush();
          stream.end();
          await done;
        },
      };
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.end()));
    },
  };
}

export async function pgliteTarget(dir: string): Promise<BulkTarget> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(dir);
  return {
    query: async <T>(sql: string) => {
      const r = await db.exec(sql);
      return (r[r.length - 1]?.rows ?? []) as T[];
    },
    open: async (table, columns) => {
      // PGlite is single-threaded: chunks of COPY from a blob, written as they fill.
      let chunk: string[] = [];
      let size = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        await db.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob'`, [], { blob: new Blob(chunk) });
        chunk = [];
        size = 0;
      };
      return {
        write: async (line) => {
          chunk.push(line);
          size += line.length;
          if (size > 8 * 1024 * 1024) await flush();
        },
        end: flush,
      };
    },
    close: () => db.close(),
  };
}
