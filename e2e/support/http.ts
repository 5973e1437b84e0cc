import { expect, type APIRequestContext } from "@playwright/test";
import type { Body } from "./campaign";

/**
 * Sends pushes one by one through the real receiver, in order, checks each was accepted, then waits
 * until the projector has folded them into the views the pages read.
 */
export async function send(request: APIRequestContext, bodies: Body[]): Promise<void> {
  for (const body of bodies) {
    const res = await request.post("/api/callback", { data: body });
    expect(res.status(), await res.text()).toBe(200);
  }
  await waitForProjection(request);
}

/** Polls GET /api/health until no acknowledged push is waiting to be folded (never a fixed sleep). */
export async function waitForProjection(request: APIRequestContext, timeoutMs = 20_000): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await (await request.get("/api/health")).json()) as { projection?: { pendingEvents?: number } }).projection
          ?.pendingEvents,
      {
        timeout: timeoutMs,
        intervals: [25, 50, 100],
      },
    )
    .toBe(0);
}

/** A raw request to the receiver (for refused bodies). A Buffer, because Playwright JSON-encodes strings. */
export async function sendRaw(request: APIRequestContext, body: string | Buffer, contentType = "application/json") {
  const data = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return request.post("/api/callback", { data, headers: { "Content-Type": contentType } });
}

export async function getJson<T>(request: APIRequestContext, url: string, status = 200): Promise<T> {
  const res = await request.get(url);
  expect(res.status(), `${url}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

/** A tiny RFC 4180 reader for checking the CSV (quoted fields, doubled quotes, CRLF); a leading BOM is skipped. */
export function parseCsv(input: string): string[][] {
  const text = input.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export const CSV_HEADER =
  "deviceId,appId,operationId,subOperationId,sourceVersion,targetVersion,curVersion,errorCode,errorCodeMeaning,description,resultDesc,upgradeTime,receivedAt,attempts,platformStatus,source";
