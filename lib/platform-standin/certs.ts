import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** PEM files of a throwaway CA, a server certificate for 127.0.0.1/localhost and a client certificate. */
export interface StandinCertificates {
  dir: string;
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  ca: string;
  serverCert: string;
  serverKey: string;
}

/**
 * Makes a fresh CA and two certificates signed by it with the system's openssl (EC P-256, valid one
 * day), as the legacy platform's port 8743 expects: the server proves itself with a private CA and the
 * application presents a client certificate. Nothing is reused between runs.
 */
export async function makeCertificates(dir?: string): Promise<StandinCertificates> {
  const d = dir ?? (await mkdtemp(path.join(tmpdir(), "um-platform-certs-")));
  const f = (name: string) => path.join(d, name);
  const ssl = (...args: string[]) => run("openssl", args, { cwd: d });
  const key = (name: string) =>
    ssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", f(name));
  await Promise.all([key("ca.key"), key("server.key"), key("client.key")]);
  await ssl(
    "req",
    "-x509",
    "-new",
    "-key",
    f("ca.key"),
    "-days",
    "1",
    "-subj",
    "/CN=Upgrade Monitor test platform CA",
    "-out",
    f("ca.crt"),
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  const sign = async (name: string, subject: string, ext: string) => {
    await ssl("req", "-new", "-key", f(`${name}.key`), "-subj", subject, "-out", f(`${name}.csr`));
    await import("node:fs/promises").then((fs) => fs.writeFile(f(`${name}.ext`), ext));
    await ssl(
      "x509",
      "-req",
      "-in",
      f(`${name}.csr`),
      "-CA",
      f("ca.crt"),
      "-CAkey",
      f("ca.key"),
      "-CAcreateserial",
      "-days",
      "1",
      "-extfile",
      f(`${name}.ext`),
      "-out",
      f(`${name}.crt`),
    );
  };
  await sign("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  await sign("client", "/CN=upgrade-monitor-app", "extendedKeyUsage=clientAuth\n");
  return {
    dir: d,
    caFile: f("ca.crt"),
    serverCertFile: f("server.crt"),
    serverKeyFile: f("server.key"),
    clientCertFile: f("client.crt"),
    clientKeyFile: f("client.key"),
    ca: await readFile(f("ca.crt"), "utf8"),
    serverCert: await readFile(f("server.crt"), "utf8"),
    serverKey: await readFile(f("server.key"), "utf8"),
  };
}
