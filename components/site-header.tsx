import Link from "next/link";
import { ProjectionLagNotice } from "@/components/projection-lag-notice";

const LINKS = [
  { href: "/", label: "Tasks" },
  { href: "/quarantine", label: "Quarantine" },
  { href: "/error-codes", label: "Error codes" },
  { href: "/alerts", label: "Alerts" },
  { href: "/audit", label: "Audit" },
  { href: "/platform", label: "Platform" },
];

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2">
        <Link href="/" className="text-base font-semibold text-slate-900">
          Upgrade Monitor
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-4 text-sm">
            {LINKS.map((l) => (
              <li key={l.href}>
                <Link
                  href={l.href}
                  className="text-slate-700 underline-offset-4 hover:text-slate-950 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="ml-auto text-xs text-slate-600">Live: refreshes every few seconds while this tab is visible</p>
        <ProjectionLagNotice />
      </div>
    </header>
  );
}
