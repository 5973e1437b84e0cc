import { statfsSync } from "node:fs";
import { envNumber, StorageUnavailableError } from "./errors";

/**
 * PGlite cannot survive a write that hits a full disk: it spins at 100 % CPU inside WebAssembly,
 * answering nothing (not even a signal handler) even after space returns. So it is never allowed to
 * get there: below PGLITE_MIN_FREE_MB free on its filesystem, writes are refused up front with
 * "disk full: <dir>" (503), and they resume by themselves once space is back.
 */
export class DiskGuard {
  private readonly minFree: number;
  private lastLog = 0;

  constructor(
    private readonly dir: string,
    minFreeMb = envNumber("PGLITE_MIN_FREE_MB", 64),
  ) {
    this.minFree = minFreeMb * 1024 * 1024;
  }

  freeBytes(): number {
    const s = statfsSync(this.dir);
    return Number(s.bavail) * Number(s.bsize);
  }

  /** Throws StorageUnavailableError while free space is under the reserve. Costs one statfs(2). */
  assertWritable(): void {
    const free = this.freeBytes();
    if (free >= this.minFree) return;
    const message = `disk full: ${this.dir} (${Math.floor(free / 1048576)} MB free, PGLITE_MIN_FREE_MB=${this.minFree / 1048576})`;
    // One line per 10 s, not one per refused push.
    if (Date.now() - this.lastLog > 10_000) {
      this.lastLog = Date.now();
      console.error(`[db] ${message}: refusing writes until space returns`);
    }
    throw new StorageUnavailableError(message);
  }
}
