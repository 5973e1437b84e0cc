import type { CodeMeaning as Meaning } from "@/lib/schemas/responses";

const MARK: Record<Meaning["source"], { label: string; title: string }> = {
  operator: { label: "your meaning", title: "Set by an operator on the Error codes page" },
  huawei_ota: { label: "documented meaning", title: "Huawei's documented OTA result code, not what the device said" },
  lwm2m: { label: "documented meaning", title: "LwM2M firmware update result, not what the device said" },
};

/** What a result code means, always marked with where the meaning comes from (never the device's words). */
export function CodeMeaning({ meaning }: { meaning: Meaning | null }) {
  if (!meaning) return null;
  const mark = MARK[meaning.source];
  return (
    <span className="block text-xs text-slate-700" data-testid="code-meaning" data-source={meaning.source}>
      {meaning.text}{" "}
      <span className="text-slate-500" title={mark.title}>
        ({mark.label})
      </span>
    </span>
  );
}
