import type { Metadata } from "next";
import localFont from "next/font/local";
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
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
