import Link from "next/link";
import { signInPath } from "@/lib/auth/paths";

/** Where progress is kept: both sentences are in the shared HTML, CSS shows the reader's (`<html data-reader>`). */
export function ProgressNote({ returnTo }: { returnTo: string }) {
  return (
    <p className="mt-4 text-sm text-ink-muted">
      <span className="reader-member">Progress saves to your account.</span>
      <span className="reader-guest">
        Progress saved locally in this browser. <Link href={signInPath(returnTo)}>Sign in</Link> to sync across devices.
      </span>
    </p>
  );
}
