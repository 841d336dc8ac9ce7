import type { ReactNode } from "react";

export function AuthCard({ title, intro, children, footer }: { title: string; intro: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-md py-10 sm:py-16">
      <div className="rounded-2xl border border-line bg-surface p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-2 mb-6 text-ink-muted">{intro}</p>
        {children}
      </div>
      <p className="mt-6 text-center text-sm text-ink-muted">{footer}</p>
    </div>
  );
}
