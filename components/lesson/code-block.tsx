import { isValidElement, type ReactNode } from "react";
import { CopyButton } from "@/components/lesson/copy-button";

function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return "";
}

function languageOf(node: ReactNode): string | undefined {
  if (isValidElement<{ className?: string }>(node)) return /language-([\w-]+)/.exec(node.props.className ?? "")?.[1];
  return undefined;
}

/** A fenced code block with its language and a copy button. */
export function CodeBlock({ children, title }: { children?: ReactNode; title?: string }) {
  const text = textOf(children).replace(/\n$/, "");
  const language = languageOf(children);
  return (
    <figure className="not-prose my-6 overflow-hidden rounded-xl border border-line bg-sunken">
      <figcaption className="flex items-center justify-between gap-3 border-b border-line px-4 py-2 text-xs">
        <span className="font-mono text-ink-muted">{title ?? language ?? "text"}</span>
        <CopyButton />
      </figcaption>
      <pre tabIndex={0} className="overflow-x-auto px-4 py-3 font-mono text-sm leading-relaxed">
        <code>{text}</code>
      </pre>
    </figure>
  );
}
