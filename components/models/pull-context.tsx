"use client";

import { createContext, useContext, useRef, useState, type ReactNode, type RefObject } from "react";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EVERY_HOST, usePull, type PullHost } from "@/hooks/use-pull";

// One pull at a time for the whole Models page: the "Pull a model" form and the recommended pairs'
// "Pull <tag>" buttons share it, so a pull started from a pair shows its bar and outcome in the form.

type PullContextValue = ReturnType<typeof usePull> & {
  hosts: PullHost[];
  isPool: boolean;
  model: string;
  setModel: (model: string) => void;
  target: string;
  setTarget: (target: string) => void;
  /** the form's heading: where focus goes when a pair's button starts a pull */
  heading: RefObject<HTMLHeadingElement | null>;
  /** pulls `tag` to the host picked in the form (every host unless one is picked) */
  start: (tag: string, target?: string) => void;
};

const PullContext = createContext<PullContextValue | null>(null);

/** Wraps the page's pull controls; rendered only for those who may pull (the route checks it again). */
export function PullProvider({ hosts, children }: { hosts: PullHost[]; children: ReactNode }) {
  const isPool = hosts.length > 1;
  const pull = usePull(isPool);
  const [model, setModel] = useState("");
  const [target, setTarget] = useState(EVERY_HOST);
  const heading = useRef<HTMLHeadingElement>(null);
  function start(tag: string, to = target) {
    const chosen = isPool && to !== EVERY_HOST ? hosts.find((h) => h.url === to) : undefined;
    void pull.pull(tag, chosen, chosen ? [chosen] : hosts);
  }
  return <PullContext value={{ ...pull, hosts, isPool, model, setModel, target, setTarget, heading, start }}>{children}</PullContext>;
}

export function usePullContext(): PullContextValue {
  const value = useContext(PullContext);
  if (!value) throw new Error("usePullContext needs a PullProvider around it.");
  return value;
}

/**
 * "Pull <tag>" beside a recommended model no host has: one click instead of copying the command.
 * It pulls to every host and moves focus to the form, where the progress and the outcome show (the
 * button itself goes once the model is installed).
 */
export function PullTagButton({ tag }: { tag: string }) {
  const { state, setModel, setTarget, start, heading } = usePullContext();
  return (
    <Button
      variant="secondary"
      className="min-h-10 px-3 py-1"
      disabled={state === "pulling"}
      onClick={() => {
        setModel(tag);
        setTarget(EVERY_HOST);
        start(tag, EVERY_HOST);
        heading.current?.focus(); // scrolls it into view too
      }}
    >
      <Download aria-hidden="true" className="size-4" />
      Pull {tag}
    </Button>
  );
}
