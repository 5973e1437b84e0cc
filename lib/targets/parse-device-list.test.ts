import { describe, expect, it } from "vitest";
import { parseDeviceList, splitCsvLine } from "./parse-device-list";

describe("parseDeviceList", () => {
  it("reads one deviceId per line, trimmed, skipping blank lines and repeats", () => {
    expect(parseDeviceList("a\r\n  b \n\nc\na\n", false)).toEqual({ deviceIds: ["a", "b", "c"], problems: [] });
  });

  it("skips a plain-text header line `deviceId`", () => {
    expect(parseDeviceList("deviceId\nx\ny", false).deviceIds).toEqual(["x", "y"]);
  });

  it("takes the deviceId column of a CSV header, in any case and position, with quoted fields", () => {
    const csv = 'name,DeviceID,imei\n"meter, north",dev-1,8665\nsouth,"dev-""2""",8666\n';
    expect(parseDeviceList(csv, true)).toEqual({ deviceIds: ["dev-1", 'dev-"2"'], problems: [] });
  });

  it("takes the first column of a CSV without a deviceId header", () => {
    expect(parseDeviceList("\uFEFFd1,x\nd2,y", true).deviceIds).toEqual(["d1", "d2"]);
  });

  it("reports bad lines with their 1-based line numbers", () => {
    const long = "x".repeat(257);
    const { deviceIds, problems } = parseDeviceList(`ok\n${long}\nbad\u0000id\nok2`, false);
    expect(deviceIds).toEqual(["ok", "ok2"]);
    expect(problems).toEqual([
      { line: 2, problem: "deviceId must be at most 256 characters" },
      { line: 3, problem: "deviceId must not contain NUL characters" },
    ]);
  });

  it("reports CSV rows whose deviceId cell is empty or missing", () => {
    const { problems } = parseDeviceList("imei,deviceId\n1,a\n2,\n3", true);
    expect(problems).toEqual([
      { line: 3, problem: "deviceId is empty" },
      { line: 4, problem: "has no deviceId column" },
    ]);
  });
});

describe("splitCsvLine", () => {
  it("splits on commas outside quotes and unescapes doubled quotes", () => {
    expect(splitCsvLine('a,"b,c","d""e",')).toEqual(["a", "b,c", 'd"e', ""]);
  });
});
