import type { Metadata } from "next";
import localFont from "next/font/local";
import { AccessBar } from "./access-bar";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

// Self-hosted: the build machine cannot reach font CDNs.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Upgrade Monitor", template: "%s · Upgrade Monitor" },
  description: "Software and firmware upgrade campaigns, device by device.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-2 focus:py-1"
        >
          Skip to content
        </a>
        <AccessBar />
        <SiteHeader />
        <main id="main" className="mx-auto max-w-screen-2xl px-4 py-4">
          {children}
        </main>
      </body>
    </html>
  );
}
