/** What to do when nothing has arrived yet: the URL to subscribe on the platform and the simulator. */
export function EmptyState({
  title,
  callbackUrl,
  children,
}: {
  title: string;
  callbackUrl: string;
  children?: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby="empty-title"
      className="rounded-md border border-dashed border-slate-300 bg-white p-6"
      data-testid="empty-state"
    >
      <h2 id="empty-title" className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
      <ol className="mt-3 list-decimal space-y-3 pl-5 text-sm text-slate-700">
        <li>
          Subscribe this deployment on the IoT platform (one subscription per notifyType: swUpgradeStateChangeNotify,
          swUpgradeResultNotify, fwUpgradeStateChangeNotify, fwUpgradeResultNotify) with the callback URL
          <code
            className="mt-1 block rounded bg-slate-100 px-2 py-1 font-mono break-all text-slate-900"
            data-testid="callback-url"
          >
            {callbackUrl}
          </code>
        </li>
        <li>
          Or send a simulated campaign from a shell in the project:
          <code
            className="mt-1 block rounded bg-slate-100 px-2 py-1 font-mono break-all text-slate-900"
            data-testid="simulate-command"
          >
            npm run simulate -- --url {callbackUrl}
          </code>
        </li>
      </ol>
      <p className="mt-3 text-sm text-slate-600">This page refreshes by itself: results appear within seconds.</p>
    </section>
  );
}
