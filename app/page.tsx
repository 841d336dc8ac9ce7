import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { buttonClasses } from "@/components/ui/button";

const steps = [
  { title: "Read the lesson", body: "Why a local vision-language model, how it turns a screenshot into image tokens, and how to match one to your hardware, task, licence and risk." },
  { title: "Check what stuck", body: "Fifteen questions graded on the server, with an explanation for every option and a link back to the section that teaches it." },
  { title: "Run the lab", body: "One screenshot through a text-only model and a Qwen-VL model side by side, with load time, speed, memory and quality recorded." },
  { title: "Recommend with evidence", body: "Write one paragraph: use it, do not use it, or use it only for a narrow job. An instructor reviews it." },
];

export default async function HomePage() {
  const user = await getCurrentUser();
  return (
    <div className="py-10 sm:py-16">
      <section aria-labelledby="hero-title" className="max-w-3xl">
        <p className="text-accent text-sm font-semibold tracking-wide uppercase">Local vision models, judged with evidence</p>
        <h1 id="hero-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-5xl">
          Learn to choose a local vision-language model the way an engineer would.
        </h1>
        <p className="text-ink-muted mt-4 text-lg">
          Lesson Lab teaches one hard-won skill: picking and judging a model that reads screenshots on your own machine,
          without a cloud API, and backing the choice with measurements.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          {user ? (
            <p className="text-ink-muted">Welcome back, {user.name ?? user.email}.</p>
          ) : (
            <>
              <Link href="/signup" className={buttonClasses("primary")}>
                Create an account
              </Link>
              <Link href="/signin" className={buttonClasses("secondary")}>
                Sign in
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="how-title" className="mt-14">
        <h2 id="how-title" className="text-xl font-semibold">
          How it works
        </h2>
        <ol className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {steps.map((step, index) => (
            <li key={step.title} className="border-line bg-surface rounded-xl border p-5">
              <p className="text-accent text-sm font-semibold">Step {index + 1}</p>
              <h3 className="mt-1 font-semibold">{step.title}</h3>
              <p className="text-ink-muted mt-2 text-sm">{step.body}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
