import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { SiteHeader } from "@/components/layout/site-header";
import { SiteFooter } from "@/components/layout/site-footer";
import { ReaderSync } from "@/components/progress/progress-provider";
import { READER_HEADER } from "@/lib/http/render-nonce";
import { THEME_BOOT_SCRIPT } from "@/lib/theme/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Lesson Lab", template: "%s · Lesson Lab" },
  description: "Learn to choose and judge a local vision-language model with evidence: lessons, a quiz and a hands-on lab.",
  applicationName: "Lesson Lab",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "48x48" },
      { url: "/favicon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/manifest.webmanifest",
  openGraph: {
    type: "website",
    siteName: "Lesson Lab",
    title: "Lesson Lab",
    description: "Learn to choose and judge a local vision-language model with evidence.",
  },
  twitter: { card: "summary" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#121417" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The layout never reads the session: the same HTML serves every reader (lib/http/page-cache.ts),
  // and the reader's own parts arrive from /api/me/page (components/progress/reader-store.ts).
  const requestHeaders = await headers();
  // proxy.ts's per-response nonce (the page cache stamps its own into this attribute too).
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  // "member" when a session cookie came along, else "guest": which header variant CSS shows first.
  const reader = requestHeaders.get(READER_HEADER) ?? "guest";
  return (
    // The boot script may set data-theme on <html> before React hydrates, and the reader store
    // data-reader once it knows: expected, not a mismatch.
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} data-reader={reader} suppressHydrationWarning>
      <head>
        {/* Text, not HTML: React writes a script's text as it is (escaping only "</script"). */}
        <script nonce={nonce} suppressHydrationWarning>
          {THEME_BOOT_SCRIPT}
        </script>
      </head>
      <body className="flex min-h-dvh flex-col antialiased">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-accent px-4 py-2 font-semibold text-on-accent focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 focus:outline-none sm:px-6">
          {children}
        </main>
        <SiteFooter />
        {/* A new id per server render: a refresh or an action that revalidates asks for the reader's parts again. */}
        <ReaderSync renderId={randomUUID()} />
      </body>
    </html>
  );
}
