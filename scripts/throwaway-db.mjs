// Creates or drops a uniquely named PostgreSQL database for one test run.
//   node scripts/throwaway-db.mjs create <prefix>   → prints its URL
//   node scripts/throwaway-db.mjs drop <url>
import pg from "pg";

const admin = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const [cmd, arg] = process.argv.slice(2);
const client = new pg.Client({ connectionString: admin });
await client.connect();
try {
  if (cmd === "create") {
    const name = `${arg ?? "um"}_${Date.now()}_${process.pid}`.replace(/[^a-z0-9_]/gi, "_");
    await client.query(`CREATE DATABASE "${name}"`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    console.log(url.toString());
  } else if (cmd === "drop") {
    const name = decodeURIComponent(new URL(arg).pathname.slice(1));
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    throw new Error("usage: throwaway-db.mjs create <prefix> | drop <url>");
  }
} finally {
  await client.end();
}
