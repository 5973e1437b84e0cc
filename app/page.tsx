import type { Metadata } from "next";
import { connection } from "next/server";
import { SwrProvider } from "@/components/swr-provider";
import { TasksView } from "@/components/tasks/tasks-view";
import { getCallbackUrl } from "@/lib/callback-url";
import { AppError } from "@/lib/errors";
import { getFleetSummary } from "@/lib/queries/get-fleet-summary";
import { listTasks } from "@/lib/queries/list-tasks";
import { summaryKey, tasksKey } from "@/lib/schemas/api-url";
import { firstValues } from "@/lib/schemas/common";
import { TaskListQuerySchema } from "@/lib/schemas/tasks";

export const metadata: Metadata = { title: "Tasks" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TasksPage({ searchParams }: Props) {
  await connection();
  const parsed = TaskListQuerySchema.safeParse(firstValues(await searchParams));
  // An invalid URL renders the defaults; the API route is the place that reports the 400.
  const query = parsed.success ? parsed.data : TaskListQuerySchema.parse({});
  const [tasks, summary, callbackUrl] = await Promise.all([
    // A stale cursor in a shared link: let the browser's request report it instead of failing the page.
    listTasks(query).catch((err: unknown) => {
      if (err instanceof AppError) return undefined;
      throw err;
    }),
    getFleetSummary(query),
    getCallbackUrl(),
  ]);
  const fallback: Record<string, unknown> = { [summaryKey(query)]: summary };
  if (tasks) fallback[tasksKey(query)] = tasks;
  return (
    <SwrProvider fallback={fallback}>
      <h1 className="sr-only">Upgrade tasks</h1>
      <TasksView callbackUrl={callbackUrl} />
    </SwrProvider>
  );
}
