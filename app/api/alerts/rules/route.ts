import { auditSettingChange } from "@/lib/audit/settings";
import { parseBody } from "@/lib/alerts/request";
import { createRule, listRules } from "@/lib/alerts/rules";
import { allowOnly, withErrors } from "@/lib/http";
import { RuleInputSchema } from "@/lib/schemas/alerts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/alerts/rules – every alert rule
export const GET = withErrors(async () => Response.json({ rules: await listRules() }));

// POST /api/alerts/rules – create a rule (201 with the rule)
export const POST = withErrors(async (req: Request) => {
  const input = await parseBody(RuleInputSchema, req);
  const rule = await createRule(input);
  await auditSettingChange(req, `alert_rule:${rule.id}`, "created", rule);
  return Response.json(rule, { status: 201 });
});

// Any other method: 405 with Allow.
export const { PUT, DELETE, PATCH } = allowOnly("GET, HEAD, POST");
