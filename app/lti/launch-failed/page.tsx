import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { isLaunchFailure, LAUNCH_FAILURES } from "@/lib/lti/launch-failures";

export const metadata: Metadata = { title: "This launch did not sign you in" };

/**
 * Where every refused LTI launch lands (lib/lti/server/launch-flow.ts). The reason comes as a key
 * from a fixed list, so a link to this page cannot make it say anything else.
 */
export default async function LaunchFailedPage({ searchParams }: PageProps<"/lti/launch-failed">) {
  const reason = (await searchParams).reason;
  const failure = LAUNCH_FAILURES[isLaunchFailure(reason) ? reason : "request"];
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
      <p className="mt-1">{failure.todo}</p>
    </AuthCard>
  );
}
