import "server-only";
import { getDb } from "@/lib/db";
import { readPlatformConfig, type PlatformConfig } from "./config";
import { PlatformConnector } from "./connector";

const holder = globalThis as unknown as { __platformConnector?: PlatformConnector };

/** The configuration as the status page sees it: config or null, and the error when it is invalid. */
export function platformSettings(): { config: PlatformConfig | null; error: string | null } {
  try {
    return { config: readPlatformConfig(), error: null };
  } catch (err) {
    return { config: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Called from instrumentation.ts: starts this process's connector when PLATFORM_URL is set (once per
 * process). An invalid configuration is logged with the variable's name and leaves the app running
 * without the connector: pushes must keep being accepted whatever the platform settings say.
 */
export async function startPlatformConnector(): Promise<void> {
  if (holder.__platformConnector) return;
  const { config, error } = platformSettings();
  if (error) {
    console.error(`[platform] connector not started: ${error}`);
    return;
  }
  if (!config) return;
  const db = await getDb();
  const connector = new PlatformConnector(db.prisma, config);
  holder.__platformConnector = connector;
  console.log(
    `[platform] connector started as ${connector.instance} for ${new URL(config.url).host} (sync every ${config.syncSeconds} s)`,
  );
  connector.start();
  process.once("SIGTERM", () => void connector.stop());
}
