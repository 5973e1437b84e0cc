import { expect, test } from "@playwright/test";
import { uniqueId } from "../support/campaign";
import { getJson, sendRaw } from "../support/http";

// GET /api/quarantine: refused requests with their bodies escaped, and ignored notifyType counts.

type Item = {
  id: number;
  status: number;
  reason: string;
  body: string;
  bodyEncoding: string;
  bodySize: number;
  contentType: string | null;
};
type List = {
  items: Item[];
  nextCursor: string | null;
  total: number;
  ignored: { notifyType: string; count: number }[];
};

const marker = uniqueId("quarantine");
const ignoredType = `${marker}Notify`;

test.beforeAll(async ({ request }) => {
  expect((await sendRaw(request, `{"notifyType": "swUpgradeResultNotify", "marker": "${marker}-json"`)).status()).toBe(
    400,
  );
  const invalid = JSON.stringify({
    notifyType: "swUpgradeResultNotify",
    operationId: `${marker}-422`,
    swUpgradeResult: "MAYBE",
  });
  expect((await sendRaw(request, invalid)).status()).toBe(422);
  const bytes = Buffer.concat([Buffer.from(`{"m":"${marker}-bin`), Buffer.from([0xff, 0x00, 0x07]), Buffer.from(`"}`)]);
  expect((await sendRaw(request, bytes)).status()).toBe(400);
  for (let i = 0; i < 3; i++) {
    expect((await sendRaw(request, JSON.stringify({ notifyType: ignoredType, deviceId: `d${i}` }))).status()).toBe(200);
  }
});

test("refused requests are listed newest first with reason and escaped body", async ({ request }) => {
  const list = await getJson<List>(request, "/api/quarantine?limit=500");
  const mine = list.items.filter((i) => i.body.includes(marker));
  expect(mine).toHaveLength(3);
  expect(mine.map((i) => i.id)).toEqual([...mine.map((i) => i.id)].sort((x, y) => y - x));
  const [bin, invalid, json] = mine;
  expect(json).toMatchObject({
    status: 400,
    reason: "invalid_json",
    bodyEncoding: "utf-8",
    contentType: "application/json",
  });
  expect(json!.body).toBe(`{"notifyType": "swUpgradeResultNotify", "marker": "${marker}-json"`);
  expect(invalid).toMatchObject({ status: 422, reason: "invalid_notification" });
  expect(bin).toMatchObject({
    status: 400,
    bodyEncoding: "bytes",
    bodySize: Buffer.byteLength(`{"m":"${marker}-bin`) + 5,
  });
  expect(bin!.body).toBe(`{"m":"${marker}-bin\\xff\\x00\\x07"}`);
  expect(list.total).toBeGreaterThanOrEqual(3);
});

test("ignored notifyTypes are counted", async ({ request }) => {
  const list = await getJson<List>(request, "/api/quarantine");
  expect(list.ignored.find((i) => i.notifyType === ignoredType)?.count).toBe(3);
});

test("keyset paging walks the quarantine newest first", async ({ request }) => {
  const first = await getJson<List>(request, "/api/quarantine?limit=1");
  expect(first.items).toHaveLength(1);
  expect(first.nextCursor).not.toBeNull();
  const second = await getJson<List>(request, `/api/quarantine?limit=1&cursor=${first.nextCursor}`);
  expect(second.items[0]!.id).toBeLessThan(first.items[0]!.id);
  for (const qs of ["limit=0", "cursor=WyJ4Il0"]) {
    const res = await request.get(`/api/quarantine?${qs}`);
    expect(res.status(), qs).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_query");
  }
});
