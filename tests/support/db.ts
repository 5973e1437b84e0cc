import { openDatabase, type Database } from "@/lib/db/client";

/** A direct connection to the database a test server writes to, for checking what was stored. */
export function connect(url: string): Promise<Database> {
  return openDatabase({ url, migrate: false });
}
