// Anchor (a): the least a correct receiver can do — node:http, parse the JSON body, one
// parameterised INSERT per push through pg, answer after the commit. Usage: PORT=… DATABASE_URL=… node bare-pg.mjs
import { createServer } from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS anchor_notifications (
  id serial PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now(), body jsonb NOT NULL)`);

createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const { rows } = await pool.query("INSERT INTO anchor_notifications (body) VALUES ($1) RETURNING id", [body]);
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ status: "stored", id: rows[0].id }));
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
