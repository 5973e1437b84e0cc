import { describe, expect, it } from "vitest";
import type { FailedDevice, FailedKey } from "@/lib/queries/list-failed-devices";
import { failedDevicesCsv } from "./failed-devices-csv";

// The stream's contract without a database: exact bytes for awkward cells, and batches read one at a
// time, only when the consumer asks (a slow client never makes the server read ahead of it).

const HEADER = "deviceId,appId,operationId,subOperationId,sourceVersion,targetVersion,curVersion,errorCode,errorCodeMeaning,description,resultDesc,upgradeTime,receivedAt,attempts";

function device(i: number, over: Partial<FailedDevice> = {}): FailedDevice {
  return {
    deviceId: `d${String(i).padStart(5, "0")}`, appId: "app", operationId: "op", subOperationId: null, sourceVersion: "V1",
    targetVersion: "V2", curVersion: "V1", errorCode: "7", errorCodeMeaning: "package verification failed (documented meaning (Huawei OTA result code))", description: null, resultDesc: "failed", upgradeTimeRaw: "20261127T080000Z",
    upgradeAt: new Date(Date.UTC(2026, 10, 27, 8)), receivedAt: new Date(Date.UTC(2026, 10, 27, 8, 0, 1, 5)), attempts: 1, ...over,
  };
}

/** A reader over `total` devices that records every call. */
function fakeReader(total: number) {
  const calls: (FailedKey | null)[] = [];
  const all = Array.from({ length: total }, (_, i) => device(i));
  const read = async (after: FailedKey | null, limit: number) => {
    calls.push(after);
    const from = after ? all.findIndex((d) => d.deviceId === after.deviceId) + 1 : 0;
    return all.slice(from, from + limit);
  };
  return { read, calls };
}

const text = (s: ReadableStream<Uint8Array>) => new Response(s).text();

describe("failedDevicesCsv", () => {
  it("writes the exact header, CRLF rows, RFC 4180 quoting and neutralised formulas", async () => {
    const rows = [
      device(1, { errorCode: '=HYPERLINK("http://x")', description: '-2+3 <script>, "quoted"', upgradeAt: null, upgradeTimeRaw: "PT5M" }),
      device(2, { appId: null, description: "", resultDesc: "line\r\nbreak", receivedAt: null, curVersion: "@V1", attempts: 3 }),
    ];
    const out = await text(failedDevicesCsv(async (after) => (after ? [] : rows)));
    expect(out).toBe(
      `${HEADER}\r\n` +
        `d00001,app,op,,V1,V2,V1,"'=HYPERLINK(""http://x"")",package verification failed (documented meaning (Huawei OTA result code)),"'-2+3 <script>, ""quoted""",failed,PT5M,2026-11-27T08:00:01.005Z,1\r\n` +
        `d00002,,op,,V1,V2,'@V1,7,package verification failed (documented meaning (Huawei OTA result code)),,"line\r\nbreak",2026-11-27T08:00:00.000Z,,3\r\n`,
    );
  });

  it("writes only the header when nothing failed", async () => {
    expect(await text(failedDevicesCsv(async () => []))).toBe(`${HEADER}\r\n`);
  });

  it("reads keyset batches one at a time, only as the consumer pulls", async () => {
    const { read, calls } = fakeReader(2_500);
    const reader = failedDevicesCsv(read).getReader();
    const decoder = new TextDecoder();
    let csv = "";
    for (let chunk = 0; ; chunk++) {
      const { value, done } = await reader.read();
      if (done) break;
      csv += decoder.decode(value, { stream: true });
      // At most one batch beyond the ones handed out: the queue's high-water mark, never the whole export.
      expect(calls.length).toBeLessThanOrEqual(chunk + 2);
    }
    const lines = csv.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(1, -1)).toHaveLength(2_500);
    expect(calls).toEqual([null, { operationId: "op", deviceId: "d00999" }, { operationId: "op", deviceId: "d01999" }]);
  });
});
