// npm run auth:hash-password -- [user name]
// Prints an argon2id hash for AUTH_USERS (`name:<hash>` when a name is given). The password is read
// from the terminal without echo (or from stdin when piped), never from the command line, where it
// would land in the shell history and the process list.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { hashPassword } from "../lib/auth/passwords";

const MIN_LENGTH = 12;

function ask(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

async function readPiped(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, "");
}

async function main() {
  const name = process.argv[2];
  if (name !== undefined && !/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
    throw new Error("A user name is 1-64 of A-Z a-z 0-9 . _ @ -");
  }
  let password: string;
  if (process.stdin.isTTY) {
    password = await ask("Password: ");
    if ((await ask("Again: ")) !== password) throw new Error("The two passwords differ.");
  } else {
    password = await readPiped();
  }
  if (password.length < MIN_LENGTH) throw new Error(`Use at least ${MIN_LENGTH} characters.`);
  const hash = await hashPassword(password);
  process.stdout.write(`${name ? `${name}:` : ""}${hash}\n`);
  process.stderr.write(
    "Add it to AUTH_USERS (entries separated by spaces or newlines; in a .env file write each $ as \\$).\n",
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
