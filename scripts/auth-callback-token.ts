// npm run auth:callback-token – prints a new CALLBACK_TOKEN: 32 random bytes as base64url (43
// characters of A–Z a–z 0–9 - _), so it can be pasted into ?token= with no encoding at all.
import { randomBytes } from "node:crypto";

const token = randomBytes(32).toString("base64url");
const base = process.env.PUBLIC_URL?.replace(/\/+$/, "") ?? "https://<your host>";
process.stdout.write(`CALLBACK_TOKEN=${token}\n`);
process.stdout.write(`Subscribe the platform to: ${base}/api/callback?token=${token}\n`);
