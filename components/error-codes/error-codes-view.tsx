"use client";
import { useState } from "react";
import { useErrorCodes } from "@/components/hooks/use-error-codes";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Section } from "@/components/ui/section";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { UtcTime } from "@/components/ui/time";
import { MeaningForm } from "./meaning-form";
import { control } from "@/components/ui/control";

const SOURCE = { huawei_ota: "Huawei OTA result code", lwm2m: "LwM2M update result (object 5, resource 5)" } as const;

/** The `/error-codes` page: the documented meanings, and operators' own ones that override them. */
export function ErrorCodesView() {
  const { data, error, save, remove } = useErrorCodes();
  const [failure, setFailure] = useState<Error | null>(null);
  const act = (p: Promise<void>) =>
    p.then(
      () => setFailure(null),
      (e: Error) => setFailure(e),
    );
  if (!data)
    return error ? (
      <ErrorNotice error={error} what="the error codes" />
    ) : (
      <p className="text-sm text-slate-600">Loading…</p>
    );
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Error codes</h1>
        <p className="text-sm text-slate-700">
          What a failed device&apos;s code means, shown next to the code on every page and in the CSV exports. Software
          tasks use Huawei&apos;s documented OTA result codes, firmware tasks the LwM2M update results; add your own
          vendor&apos;s meanings below (they take precedence and are marked as yours).
        </p>
      </div>
      {failure ? <ErrorNotice error={failure} what="the change" /> : null}
      <Section title="Your meanings" id="operator-title">
        <MeaningForm onSave={(e) => act(save(e))} />
        {data.operator.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No meanings of your own yet.</p>
        ) : (
          <TableFrame label="Your meanings">
            <thead>
              <tr>
                <Th>Kind</Th>
                <Th>Code</Th>
                <Th>Meaning</Th>
                <Th>Last changed</Th>
                <Th>By</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody data-testid="operator-code-rows">
              {data.operator.map((e) => (
                <tr key={`${e.kind}:${e.code}`} data-testid="operator-code-row">
                  <Td>{e.kind}</Td>
                  <Td className="font-mono text-xs">{e.code}</Td>
                  <Td className="text-sm">{e.meaning}</Td>
                  <Td className="text-xs">
                    <UtcTime iso={e.updatedAt} />
                  </Td>
                  <Td className="text-xs">{e.updatedBy}</Td>
                  <Td>
                    <button
                      type="button"
                      onClick={() => act(remove(e.kind, e.code))}
                      className={control("secondary", "compact")}
                    >
                      Remove
                    </button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        )}
      </Section>
      <Section title="Documented meanings" id="documented-title">
        <TableFrame label="Documented meanings">
          <thead>
            <tr>
              <Th>Kind</Th>
              <Th>Code</Th>
              <Th>Meaning</Th>
              <Th>Source</Th>
            </tr>
          </thead>
          <tbody data-testid="documented-code-rows">
            {data.documented.map((d) => (
              <tr key={`${d.kind}:${d.code}`}>
                <Td>{d.kind}</Td>
                <Td className="font-mono text-xs">{d.code}</Td>
                <Td className="text-sm">{d.meaning}</Td>
                <Td className="text-xs text-slate-600">{SOURCE[d.source]}</Td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      </Section>
    </div>
  );
}
