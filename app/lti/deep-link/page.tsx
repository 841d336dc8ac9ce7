import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/server/session";
import { readDeepLinkRequest } from "@/lib/lti/data/deep-linking";
import { LAUNCH_FAILURES } from "@/lib/lti/launch-failures";
import { deepLinkChoices } from "@/lib/lti/server/deep-link-choices";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Add Lesson Lab to your course" };

const KIND = { LESSON: "The lesson", QUIZ: "Its quiz", WRITEUP: "Its lab write-up" } as const;

/**
 * The Deep Linking picker (the "Deep linking URL" on Course sites): an instructor's "add an activity"
 * launch lands here. A plain form, so it works without JavaScript and inside the course site's frame;
 * the route it posts to signs the choice and sends it back to the course site.
 */
export default async function DeepLinkPage({ searchParams }: PageProps<"/lti/deep-link">) {
  const { request, error } = await searchParams;
  const id = typeof request === "string" ? request : "";
  const user = await requireUser(`/lti/deep-link?request=${encodeURIComponent(id)}`);
  const open = id ? await readDeepLinkRequest(user.id, id) : null;
  if (!open) {
    const stale = LAUNCH_FAILURES["deep-link-stale"];
    return (
      <div className="mx-auto max-w-2xl py-10">
        <h1 className="text-3xl font-semibold tracking-tight">Add Lesson Lab to your course</h1>
        <Notice tone="danger" title="This choice is no longer open" className="mt-6">
          <p>Lesson Lab cannot send it: {stale.says}.</p>
          <p className="mt-2">{stale.whatToDo}</p>
        </Notice>
      </div>
    );
  }
  const lessons = deepLinkChoices();
  const type = open.acceptMultiple ? "checkbox" : "radio";
  return (
    <div className="mx-auto max-w-2xl py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Add Lesson Lab to your course</h1>
      <p className="mt-2 text-ink-muted">
        Pick what {open.platformName} should link to{open.acceptMultiple ? " (one or more)" : ""}. A quiz or a lab write-up gets a column in
        the course&apos;s gradebook: a student&apos;s quiz score goes there when they submit, and a write-up&apos;s grade when you complete
        its review here.
      </p>
      <form method="post" action="/api/lti/deep-link/respond" className="mt-8 flex flex-col gap-6">
        <input type="hidden" name="request" value={open.id} />
        {error === "pick" ? (
          <div role="alert">
            <Notice tone="danger">Pick what to add first.</Notice>
          </div>
        ) : null}
        {lessons.map(({ lesson, choices }) => (
          <fieldset key={lesson.slug} className="rounded-xl border border-line bg-surface p-5">
            <legend className="px-1 text-lg font-semibold">{lesson.title}</legend>
            <div className="mt-2 flex flex-col gap-3">
              {choices.map((choice) => {
                const value = `${choice.target}:${choice.lessonSlug}`;
                return (
                  <label key={value} className="flex items-start gap-3">
                    <input type={type} name="item" value={value} className="choice-input mt-1" />
                    <span>
                      <span className="font-medium">{KIND[choice.target]}</span>
                      <span className="block text-sm text-ink-muted">
                        {choice.scoreMaximum === null
                          ? "Not graded: progress stays in Lesson Lab."
                          : `Graded out of ${choice.scoreMaximum}${open.acceptLineItem ? ", with a gradebook column" : ""}.`}
                      </span>
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
        <Button type="submit" className="self-start">
          Add to course
        </Button>
      </form>
    </div>
  );
}
