/**
 * The address login limits are keyed on: the last X-Forwarded-For entry, i.e. the peer the nearest
 * proxy saw. `npm start` (server.ts) overwrites the header with the socket address unless
 * TRUST_PROXY is set, so a client cannot pick its own key there.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  return last || "unknown";
}
