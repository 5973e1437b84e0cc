import type { Metadata } from "next";
import { connection } from "next/server";
import { ErrorCodesView } from "@/components/error-codes/error-codes-view";
import { SwrProvider } from "@/components/swr-provider";
import { getErrorCodeDictionary } from "@/lib/error-codes/dictionary";
import { errorCodesKey } from "@/lib/schemas/api-url";

export const metadata: Metadata = { title: "Error codes" };

export default async function ErrorCodesPage() {
  await connection();
  const dictionary = await getErrorCodeDictionary();
  return (
    <SwrProvider fallback={{ [errorCodesKey()]: dictionary }}>
      <ErrorCodesView />
    </SwrProvider>
  );
}
