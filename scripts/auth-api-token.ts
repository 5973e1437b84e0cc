// npm run auth:api-token -- <name>
// Makes a new API token for scripts. The token is printed once, for the script's owner; the server
// keeps only its SHA-256 digest (the API_TOKENS entry).
import { digestApiToken, generateApiToken } from "../lib/auth/api-tokens";

const name = process.argv[2];
if (!name || !/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
  process.stderr.write("Usage: npm run auth:api-token -- <name>   (1-64 of A-Z a-z 0-9 . _ -, e.g. nightly-report)\n");
  process.exit(1);
}
const token = generateApiToken();
process.stdout.write(`token:      ${token}\n`);
process.stdout.write(`API_TOKENS: ${name}:${digestApiToken(token).toString("hex")}\n`);
process.stderr.write(
  "Give the token to the script (Authorization: Bearer <token>); put the API_TOKENS entry in the server's environment.\n",
);
