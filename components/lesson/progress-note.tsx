import Link from "next/link";
import { signInPath } from "@/lib/auth/paths";

export function ProgressNote({ isSignedIn, returnTo }: { isSignedIn: boolean; returnTo: string }) {
  return (
    <p className="mt-4 text-sm text-ink-muted">
      {isSignedIn ? (
        "Progress saves to your account."
      ) : (
        <>
          Progress saved locally in this browser. <Link href={signInPath(returnTo)}>Sign in</Link> to sync across devices.
        </>
      )}
    </p>
  );
}
