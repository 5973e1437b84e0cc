import { connect } from "node:net";

export interface RawAnswer {
  status: number;
  headers: Map<string, string>;
  text: string;
}

/**
 * Sends bytes as they are (methods fetch refuses, like TRACE; headers fetch would fix; a request
 * that stalls) and reads the answer until the server closes (send `Connection: close`) or `waitMs` passes.
 */
export function rawRequest(url: string, request: string, waitMs = 15_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let data = "";
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on("data", (d) => (data += d.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(parseAnswer(data));
    });
    socket.write(request);
  });
}

function parseAnswer(data: string): RawAnswer {
  const [head = "", ...rest] = data.split("\r\n\r\n");
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers = new Map<string, string>();
  for (const l of lines) {
    const i = l.indexOf(":");
    if (i > 0) headers.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
  }
  return { status: Number(statusLine.split(" ")[1] ?? 0), headers, text: rest.join("\r\n\r\n") };
}
