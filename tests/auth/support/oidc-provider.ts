import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export const OIDC_CLIENT = { id: "upgrade-monitor", secret: "oidc-client-secret-for-tests-only" };
export const OIDC_USER = { sub: "olivia", name: "Olivia Operator", email: "olivia@example.test" };

export interface OidcProvider {
  issuer: string;
  /** Registers the app's redirect URI (known only once the app listens) and starts answering. */
  configure(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider`, its development login and consent screens) on a free
 * port. It listens first so the issuer URL can go into the app's environment.
 */
export async function startOidcProvider(): Promise<OidcProvider> {
  let handler: RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    configure(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: OIDC_CLIENT.id,
            client_secret: OIDC_CLIENT.secret,
            redirect_uris: [redirectUri],
            grant_types: ["authorization_code"],
            response_types: ["code"],
          },
        ],
        claims: { openid: ["sub"], profile: ["name"], email: ["email"] },
        findAccount: (_ctx, sub) => ({
          accountId: sub,
          claims: () => ({ sub, name: sub === OIDC_USER.sub ? OIDC_USER.name : sub, email: OIDC_USER.email }),
        }),
        pkce: { required: () => true },
        // Profile claims in the ID token too (as most IdPs do): Auth.js reads the ID token.
        conformIdTokenClaims: false,
        cookies: { keys: ["oidc-provider-test-cookie-key"] },
      });
      handler = provider.callback();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
