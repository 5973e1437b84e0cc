import type { Metadata } from "next";
import { connection } from "next/server";
import { QuarantineView } from "@/components/quarantine/quarantine-view";
import { SwrProvider } from "@/components/swr-provider";
import { getCallbackUrl } from "@/lib/callback-url";
import { AppError } from "@/lib/errors";
import { listQuarantine } from "@/lib/queries/list-quarantine";
import { quarantineKey } from "@/lib/schemas/api-url";
import { firstValues } from "@/lib/schemas/common";
import { QuarantineQuerySchema } from "@/lib/schemas/quarantine";

export const metadata: Metadata = { title: "Quarantine" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QuarantinePage({ searchParams }: Props) {
  await connection();
  const parsed = QuarantineQuerySchema.safeParse(firstValues(await searchParams));
  const query = parsed.success ? parsed.data : QuarantineQuerySchema.parse({});
  const [list, callbackUrl] = await Promise.all([
    listQuarantine(query).catch((err: unknown) => {
      if (err instanceof AppError) return undefined;
      throw err;
    }),
    getCallbackUrl(),
  ]);
  return (
    <SwrProvider fallback={list ? { [quarantineKey(query)]: list } : {}}>
      <QuarantineView callbackUrl={callbackUrl} />
    </SwrProvider>
  );
}
