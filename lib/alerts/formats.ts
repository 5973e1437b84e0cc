import type { ChannelType } from "@/lib/schemas/alerts";
import { markdownText, plainText, titleOf, type AlertMessage } from "./message";
import { signDingTalk, signFeishu, signWebhook } from "./sign";

export interface HttpChannel {
  type: Exclude<ChannelType, "email">;
  url: string;
  secret: string | null;
}

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "user-agent": "upgrade-monitor-alerts" };

/**
 * Builds the exact request each platform documents. Pure (time comes in), so tests pin the output:
 * - webhook: our own JSON, signed like Stripe/Svix.
 * - slack: incoming webhook `{text}` (Mattermost and Rocket.Chat accept the same body).
 * - teams: a Workflows "when a Teams webhook request is received" trigger: a message with one Adaptive Card attachment.
 * - dingtalk: robot markdown message; with a secret, &timestamp=<ms>&sign=<url-encoded base64 HMAC> on the URL.
 * - wecom: group robot markdown message.
 * - feishu: custom bot text message; with a secret, timestamp (seconds) and sign in the body.
 */
export function buildRequest(ch: HttpChannel, m: AlertMessage, nowMs: number): OutgoingRequest {
  switch (ch.type) {
    case "webhook": {
      const body = JSON.stringify({
        event: m.event,
        rule: m.rule,
        operationId: m.operationId,
        figures: m.figures,
        url: m.url,
        at: m.at,
      });
      const signature = signWebhook(ch.secret ?? "", body, Math.floor(nowMs / 1000));
      return { url: ch.url, headers: { ...JSON_HEADERS, "x-upgrade-monitor-signature": signature }, body };
    }
    case "slack":
      return { url: ch.url, headers: JSON_HEADERS, body: JSON.stringify({ text: slackEscape(plainText(m)) }) };
    case "teams":
      return { url: ch.url, headers: JSON_HEADERS, body: JSON.stringify(teamsCard(m)) };
    case "dingtalk": {
      const body = JSON.stringify({ msgtype: "markdown", markdown: { title: titleOf(m), text: markdownText(m) } });
      if (!ch.secret) return { url: ch.url, headers: JSON_HEADERS, body };
      const sign = encodeURIComponent(signDingTalk(ch.secret, nowMs));
      const sep = ch.url.includes("?") ? "&" : "?";
      return { url: `${ch.url}${sep}timestamp=${nowMs}&sign=${sign}`, headers: JSON_HEADERS, body };
    }
    case "wecom":
      return {
        url: ch.url,
        headers: JSON_HEADERS,
        body: JSON.stringify({ msgtype: "markdown", markdown: { content: noTags(markdownText(m)) } }),
      };
    case "feishu": {
      const content = { msg_type: "text", content: { text: noTags(plainText(m)) } };
      if (!ch.secret) return { url: ch.url, headers: JSON_HEADERS, body: JSON.stringify(content) };
      const timestamp = String(Math.floor(nowMs / 1000));
      return {
        url: ch.url,
        headers: JSON_HEADERS,
        body: JSON.stringify({ timestamp, sign: signFeishu(ch.secret, Number(timestamp)), ...content }),
      };
    }
  }
}

/**
 * Rule names, operationIds and error codes are text, never markup: Slack reads `<!channel>`, `<@U…>` and
 * `<url|label>` in `text` and documents escaping `&`, `<`, `>` as entities; WeCom markdown reads `<@userid>`
 * and Feishu text `<at user_id="all">` as mentions and document no escape, so `<` becomes a full-width `＜`.
 */
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const noTags = (s: string) => s.replace(/</g, "\uFF1C");

function teamsCard(m: AlertMessage) {
  const facts = Object.entries(m.figures).map(([title, value]) => ({ title, value: String(value) }));
  const body: unknown[] = [
    { type: "TextBlock", text: titleOf(m), weight: "Bolder", size: "Medium", wrap: true },
    { type: "TextBlock", text: plainText(m).split("\n")[1], wrap: true },
    { type: "FactSet", facts },
  ];
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          ...(m.url ? { actions: [{ type: "Action.OpenUrl", title: "Open the task", url: m.url }] } : {}),
        },
      },
    ],
  };
}

/**
 * DingTalk, WeCom and Feishu answer HTTP 200 even when they refuse a message; the verdict is in the
 * body (`errcode` / `code` / `StatusCode` other than 0).
 */
export function platformRefusal(type: ChannelType, answer: string): string | null {
  if (type !== "dingtalk" && type !== "wecom" && type !== "feishu") return null;
  try {
    const body = JSON.parse(answer) as Record<string, unknown>;
    const code = body.errcode ?? body.code ?? body.StatusCode;
    return code === undefined || code === 0
      ? null
      : `platform error ${String(code)}: ${String(body.errmsg ?? body.msg ?? body.StatusMessage ?? "")}`;
  } catch {
    return null;
  }
}
