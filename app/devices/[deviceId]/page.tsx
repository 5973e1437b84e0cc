import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { DeviceView } from "@/components/device/device-view";
import { SwrProvider } from "@/components/swr-provider";
import { AppError } from "@/lib/errors";
import { decodePageParam, metadataParam } from "@/lib/http-query";
import { getDeviceHistory } from "@/lib/queries/get-device-history";
import { deviceKey } from "@/lib/schemas/api-url";

type Props = { params: Promise<{ deviceId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Device ${metadataParam((await params).deviceId)}` };
}

export default async function DevicePage({ params }: Props) {
  await connection();
  const deviceId = decodePageParam((await params).deviceId);
  const history = await getDeviceHistory(deviceId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <SwrProvider fallback={{ [deviceKey(deviceId)]: history }}>
      <DeviceView deviceId={deviceId} />
    </SwrProvider>
  );
}
