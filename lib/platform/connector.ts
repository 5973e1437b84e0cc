import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PlatformClient, type ClientOptions } from "./client";
import type { PlatformConfig } from "./config";
import { adoptPushedTasks, discoverTasks, dueTasks } from "./due";
import { holdConnectionLease, recordConnectionError, recordToken, releaseConnectionLease } from "./lease";
import { syncTask, type SyncOutcome } from "./sync";

export interface ConnectorOptions {
  /** This instance's name in the leases (default host:pid:random). */
  instance?: string;
  /** Milliseconds between ticks (default: a third of the lease, so two missed heartbeats still hold it). */
  tickMs?: number;
  client?: ClientOptions;
  log?: (line: string) => void;
  onSynced?: (operationId: string, outcome: SyncOutcome) => void;
}

/**
 * One instance's side of the connector. Every tick it renews (or tries to take) the connection lease;
 * only the holder logs in and syncs due tasks, one at a time. A passive instance holds no token.
 * `stop()` releases the leases; a crashed process leaves them to run out (PLATFORM_LEASE_SECONDS).
 */
export class PlatformConnector {
  readonly instance: string;
  readonly client: PlatformClient;
  private leader = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private discoveredAt = 0;
  private readonly log: (line: string) => void;

  constructor(
    private readonly prisma: PrismaClient,
    readonly config: PlatformConfig,
    private readonly opts: ConnectorOptions = {},
  ) {
    this.instance = opts.instance ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.log = opts.log ?? ((line) => console.log(`[platform] ${line}`));
    this.client = new PlatformClient(config, {
      ...opts.client,
      onToken: (e) => recordToken(prisma, config.appId, e.issuedAt, e.expiresAt, e.kind),
      onRetry: (reason) => {
        this.log(reason);
        opts.client?.onRetry?.(reason);
      },
    });
  }

  isLeader(): boolean {
    return this.leader && !this.stopped;
  }

  start(): void {
    const every = this.opts.tickMs ?? Math.max(1000, (this.config.leaseSeconds * 1000) / 3);
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((err: unknown) => this.log(`tick failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(loop, every);
          this.timer?.unref();
        });
    };
    loop();
  }

  /** One round: lease, then (as leader) adopt and discover tasks and sync those due. */
  async tick(): Promise<void> {
    if (this.stopped) return;
    const was = this.leader;
    this.leader = await holdConnectionLease(this.prisma, this.config.appId, this.instance, this.config.leaseSeconds);
    if (!this.leader) {
      if (was) this.log(`${this.instance} lost the connection lease; staying passive`);
      this.client.dropToken();
      return;
    }
    if (!was) this.log(`${this.instance} holds the connection lease`);
    try {
      await this.client.ensureToken();
      await adoptPushedTasks(this.prisma);
      // Listing the platform's open tasks is as frequent as refreshing one, not every tick.
      if (this.config.discover && Date.now() - this.discoveredAt >= this.config.syncSeconds * 1000) {
        await discoverTasks(this.prisma, this.client);
        this.discoveredAt = Date.now();
      }
      const started = Date.now();
      for (const operationId of await dueTasks(this.prisma, this.config)) {
        if (!this.isLeader()) break;
        const outcome = await syncTask(this.syncContext(), operationId);
        if (outcome.status === "failed") this.log(`sync of ${operationId} failed: ${outcome.error}`);
        this.opts.onSynced?.(operationId, outcome);
        // Renew the connection lease between tasks: one long task must not let it lapse.
        if (Date.now() - started > (this.config.leaseSeconds * 1000) / 3) {
          this.leader = await holdConnectionLease(
            this.prisma,
            this.config.appId,
            this.instance,
            this.config.leaseSeconds,
          );
        }
      }
      await recordConnectionError(this.prisma, this.config.appId, null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log(`platform unavailable: ${message}`);
      await recordConnectionError(this.prisma, this.config.appId, message).catch(() => undefined);
    }
  }

  private syncContext() {
    let lastRenew = Date.now();
    return {
      prisma: this.prisma,
      client: this.client,
      config: this.config,
      instance: this.instance,
      mayContinue: () => {
        // The page loop asks before every page; renewing here keeps the connection lease alive
        // through a 2,000-page task without a second timer.
        if (Date.now() - lastRenew > (this.config.leaseSeconds * 1000) / 3) {
          lastRenew = Date.now();
          void holdConnectionLease(this.prisma, this.config.appId, this.instance, this.config.leaseSeconds)
            .then((held) => (this.leader = held))
            .catch(() => (this.leader = false));
        }
        return this.isLeader();
      },
    };
  }

  /** Clean stop: finish the current page, give the leases up so another instance takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (this.leader) await releaseConnectionLease(this.prisma, this.config.appId, this.instance).catch(() => undefined);
    this.leader = false;
    this.client.close();
  }
}
