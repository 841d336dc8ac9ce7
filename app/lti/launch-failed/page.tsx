import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { isLaunchFailure, isRelaunchToken, LAUNCH_FAILURES } from "@/lib/lti/launch-failures";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "This launch did not sign you in" };

/**
 * Where every refused LTI launch lands (lib/lti/server/launch-flow.ts). The reason comes as a key
 * from a fixed list, so a link to this page cannot make it say anything else.
 */
export default async function LaunchFailedPage({ searchParams }: PageProps<"/lti/launch-failed">) {
  const { reason, relaunch } = await searchParams;
  const failure = LAUNCH_FAILURES[isLaunchFailure(reason) ? reason : "request"];
  const newWindow = reason === "no-cookie" && isRelaunchToken(relaunch) ? `/api/lti/login?relaunch=${relaunch}` : null;
  return (
    <AuthCard
      title="This launch did not sign you in"
      intro={`Your course site opened Lesson Lab, but Lesson Lab refused the launch: ${failure.says}. Nobody was signed in and nothing was changed.`}
      footer={
        <>
          Have a Lesson Lab password? <Link href="/signin">Sign in here</Link> instead.
        </>
      }
    >
      <h2 className="text-base font-semibold">What to do</h2>
      {newWindow ? (
        <>
          <p className="mt-1">
            Your browser keeps this site&apos;s cookies out of the course page. In a window of its own it can sign you in: your course site
            confirms who you are again.
          </p>
          <p className="mt-4">
            <a href={newWindow} target="_blank" rel="noopener" className={buttonClasses("primary")}>
              Open Lesson Lab in a new window
            </a>
          </p>
        </>
      ) : (
        <p className="mt-1">{failure.whatToDo}</p>
      )}
    </AuthCard>
  );
}
