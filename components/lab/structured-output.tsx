import type { VisionOutput } from "@/lib/lab/schemas";
import { controlText } from "@/lib/lab/controls";

// No "use client": no state, so the lab (a client component) and the submission review (a server
// component) render the same markup.

function ListOf({ title, items }: { title: string; items: string[] }) {
  return (
    <div>
      <p className="font-semibold">{title}</p>
      {items.length ? (
        <ul className="list-disc pl-5">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : (
        <p className="text-ink-muted">none</p>
      )}
    </div>
  );
}

/**
 * A vision model's structured answer: visible text, controls, likely task and uncertainties.
 * Model output is untrusted: every field is rendered as text, never as HTML, never acted on.
 */
export function StructuredOutput({ value }: { value: VisionOutput }) {
  return (
    <div className="flex flex-col gap-2 text-sm">
      <ListOf title="Visible text" items={value.visible_text} />
      <ListOf title="Visible controls" items={value.visible_controls.map(controlText)} />
      <div>
        <p className="font-semibold">Likely user task</p>
        <p>{value.likely_user_task ?? <span className="text-ink-muted">not stated</span>}</p>
      </div>
      <ListOf title="Uncertainties" items={value.uncertainties} />
    </div>
  );
}
