// A connector in its own process, for the takeover test (killed with SIGKILL mid-sync, as a crashed
// app instance would be). Settings from the environment as in the app: PLATFORM_*, DATABASE_URL.
import { openDatabase } from "@/lib/db/client";
import { readPlatformConfig } from "@/lib/platform/config";
import { PlatformConnector } from "@/lib/platform/connector";

const config = readPlatformConfig();
if (!config) throw new Error("PLATFORM_URL is not set");
const db = await openDatabase({ url: process.env.DATABASE_URL, migrate: false });
const connector = new PlatformConnector(db.prisma, config, { instance: process.env.CONNECTOR_INSTANCE, tickMs: 500 });
connector.start();
console.log("connector running");
