import { describe, expect, it } from "vitest";
import { buildRequest, platformRefusal } from "@/lib/alerts/formats";
import type { AlertMessage } from "@/lib/alerts/message";
import { signWebhook, verifyWebhook } from "@/lib/alerts/sign";

// One fixture per platform: the body each documents for its incoming webhook / robot, and the
// signatures computed independently (Python's hmac, hard-coded here) for a fixed time and secret.
const NOW = 1_700_000_000_000;
const m: AlertMessage = {
  event: "alert.fired",
  rule: { id: 7, name: "bad rollout", kind: "failure_rate" },
  operationId: "op-1",
  figures: { failed: 3, withResult: 10, rate: 0.3, threshold: 0.2, minResults: 10 },
  url: "https://monitor.example.com/tasks/op-1",
  at: "2026-11-29T10:00:00.000Z",
};
const TEXT =
  "[FIRING] bad rollout — task op-1\nfailure rate 30.0 % (3 failed of 10 devices with a result; threshold 20.0 %)\nat 2026-11-29T10:00:00.000Z\nhttps://monitor.example.com/tasks/op-1";
const MD =
  "**[FIRING] bad rollout — task op-1**\n\nfailure rate 30.0 % (3 failed of 10 devices with a result; threshold 20.0 %)\n\nat 2026-11-29T10:00:00.000Z\n\n[Open the task](https://monitor.example.com/tasks/op-1)";

describe("webhook", () => {
  it("posts our JSON with a Stripe-style signature that verifies", () => {
    const r = buildRequest({ type: "webhook", url: "https://h.example/x", secret: "whsec" }, m, NOW);
    expect(JSON.parse(r.body)).toEqual({
      event: "alert.fired",
      rule: m.rule,
      operationId: "op-1",
      figures: m.figures,
      url: m.url,
      at: m.at,
    });
    const sig = r.headers["x-upgrade-monitor-signature"]!;
    expect(sig).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook("whsec", r.body, sig, 1_700_000_010)).toBe(true);
    expect(verifyWebhook("whsec", `${r.body} `, sig, 1_700_000_010)).toBe(false);
    expect(verifyWebhook("whsec", r.body, sig, 1_700_000_000 + 301)).toBe(false);
  });
  it("signs t.body with HMAC-SHA256 (independent vector)", () => {
    expect(signWebhook("whsec", '{"a":1}', 1_700_000_000)).toBe(
      "t=1700000000,v1=8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032",
    );
  });
});

describe("chat formats", () => {
  it("Slack-compatible incoming webhook (also Mattermost, Rocket.Chat): {text}", () => {
    const r = buildRequest({ type: "slack", url: "https://hooks.slack.com/services/T/B/X", secret: null }, m, NOW);
    expect(r.url).toBe("https://hooks.slack.com/services/T/B/X");
    expect(JSON.parse(r.body)).toEqual({ text: TEXT });
  });

  it("Teams workflow webhook: a message with one Adaptive Card attachment", () => {
    const r = buildRequest(
      { type: "teams", url: "https://prod.westeurope.logic.azure.com/workflows/abc", secret: null },
      m,
      NOW,
    );
    const body = JSON.parse(r.body);
    expect(body.type).toBe("message");
    expect(body.attachments).toHaveLength(1);
    const a = body.attachments[0];
    expect(a.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(a.contentUrl).toBeNull();
    expect(a.content).toMatchObject({
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      type: "AdaptiveCard",
      version: "1.4",
    });
    expect(a.content.body[0]).toEqual({
      type: "TextBlock",
      text: "[FIRING] bad rollout — task op-1",
      weight: "Bolder",
      size: "Medium",
      wrap: true,
    });
    expect(a.content.body[2]).toEqual({
      type: "FactSet",
      facts: [
        { title: "failed", value: "3" },
        { title: "withResult", value: "10" },
        { title: "rate", value: "0.3" },
        { title: "threshold", value: "0.2" },
        { title: "minResults", value: "10" },
      ],
    });
    expect(a.content.actions).toEqual([{ type: "Action.OpenUrl", title: "Open the task", url: m.url }]);
  });

  it("DingTalk robot: markdown message, &timestamp=<ms>&sign=<url-encoded base64 HMAC of ts\\nsecret>", () => {
    const r = buildRequest(
      { type: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: "SECtest" },
      m,
      NOW,
    );
    expect(r.url).toBe(
      "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D",
    );
    expect(JSON.parse(r.body)).toEqual({
      msgtype: "markdown",
      markdown: { title: "[FIRING] bad rollout — task op-1", text: MD },
    });
    expect(
      buildRequest(
        { type: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: null },
        m,
        NOW,
      ).url,
    ).toBe("https://oapi.dingtalk.com/robot/send?access_token=abc");
  });

  it("WeCom group robot: markdown message", () => {
    const r = buildRequest(
      { type: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", secret: null },
      m,
      NOW,
    );
    expect(JSON.parse(r.body)).toEqual({ msgtype: "markdown", markdown: { content: MD } });
  });

  it("Feishu/Lark bot: text message with timestamp (s) and sign = base64 HMAC keyed by ts\\nsecret over ''", () => {
    const r = buildRequest(
      { type: "feishu", url: "https://open.feishu.cn/open-apis/bot/v2/hook/x", secret: "feishu-secret" },
      m,
      NOW,
    );
    expect(JSON.parse(r.body)).toEqual({
      timestamp: "1700000000",
      sign: "OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=",
      msg_type: "text",
      content: { text: TEXT },
    });
    expect(
      JSON.parse(buildRequest({ type: "feishu", url: "https://open.feishu.cn/x", secret: null }, m, NOW).body),
    ).toEqual({ msg_type: "text", content: { text: TEXT } });
  });

  it("names and codes cannot mention everyone: Slack escapes & < >, WeCom and Feishu get no tags", () => {
    const evil: AlertMessage = {
      ...m,
      rule: { ...m.rule, name: "<!channel> & <@U123> <https://x.example|click>" },
      operationId: '<at user_id="all"></at>',
    };
    const slack = JSON.parse(
      buildRequest({ type: "slack", url: "https://hooks.slack.com/services/T/B/X", secret: null }, evil, NOW).body,
    ).text as string;
    expect(slack.split("\n")[0]).toBe(
      '[FIRING] &lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://x.example|click&gt; — task &lt;at user_id="all"&gt;&lt;/at&gt;',
    );
    const wecom = JSON.parse(
      buildRequest({ type: "wecom", url: "https://qyapi.weixin.qq.com/x", secret: null }, evil, NOW).body,
    ).markdown.content as string;
    const feishu = JSON.parse(
      buildRequest({ type: "feishu", url: "https://open.feishu.cn/x", secret: null }, evil, NOW).body,
    ).content.text as string;
    for (const text of [wecom, feishu]) {
      expect(text).not.toContain("<");
      expect(text).toContain("\uFF1C@U123>");
      expect(text).toContain('\uFF1Cat user_id="all">');
    }
  });

  it("reads the 200-with-an-error answers of DingTalk, WeCom and Feishu as refusals", () => {
    expect(platformRefusal("dingtalk", '{"errcode":310000,"errmsg":"sign not match"}')).toBe(
      "platform error 310000: sign not match",
    );
    expect(platformRefusal("wecom", '{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(
      platformRefusal(
        "feishu",
        '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
      ),
    ).toMatch(/^platform error 19021/);
    expect(platformRefusal("feishu", '{"StatusCode":0,"StatusMessage":"success"}')).toBeNull();
    expect(platformRefusal("slack", '{"errcode":1}')).toBeNull();
  });
});
