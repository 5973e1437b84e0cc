import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A port nobody listens on right now (the OS picks it). The shared port counter in
 * tests/support/servers.ts can land on a port another test run is using, and a health check
 * answered by someone else's server would make these tests talk to the wrong app.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
