import type { MDXComponents } from "mdx/types";
import type { ComponentProps } from "react";
import Link from "next/link";
import { Callout } from "@/components/lesson/callout";
import { TableChart } from "@/components/lesson/charts/table-chart";
import { MemoryExplorer } from "@/components/lesson/explorables/memory-explorer";
import { TokenExplorer } from "@/components/lesson/explorables/token-explorer";
import { CodeBlock } from "@/components/lesson/code-block";
import { DesignSketch } from "@/components/lesson/design-sketch";
import { ReaderLabCard } from "@/components/lesson/reader-lab-card";
import { SectionCheck } from "@/components/lesson/section-check";
import { SectionHeading } from "@/components/lesson/section-heading";
import { SourceSignal } from "@/components/lesson/source-signal";
import { StaticProse } from "@/components/lesson/static-prose";
import { VlmDiagram } from "@/components/lesson/vlm-diagram";
import { ScrollTable } from "@/components/ui/scroll-table";
import type { PathStep } from "@/lib/content/path";

function LessonLink({ href = "", ...props }: ComponentProps<"a">) {
  if (href.startsWith("/")) return <Link href={href} {...props} />;
  if (href.startsWith("#")) return <a href={href} {...props} />;
  return <a href={href} rel="noopener noreferrer" {...props} />;
}

function Table(props: ComponentProps<"table">) {
  return (
    <ScrollTable>
      <table className="lesson-table w-full text-left text-sm" {...props} />
    </ScrollTable>
  );
}

/** The one component map every lesson renders with: the same for every reader (their lab card fills in on the page). */
export function lessonComponents(lesson: string, steps: PathStep[], timeZone: string): MDXComponents {
  return {
    h2: (props) => <SectionHeading lesson={lesson} steps={steps} {...props} />,
    h3: (props) => <h3 {...props} className="scroll-mt-6" />,
    a: LessonLink,
    pre: (props) => <CodeBlock>{props.children}</CodeBlock>,
    table: Table,
    Callout,
    DesignSketch,
    // A lesson with a lab only (content validation checks that).
    LabCard: () => <ReaderLabCard lesson={lesson} timeZone={timeZone} className="my-8 bg-surface" />,
    SourceSignal,
    // a run of plain prose, as HTML outside React's tree (lib/content/server/static-prose.ts)
    StaticProse: ({ index }: { index: string }) => <StaticProse lesson={lesson} index={Number(index)} />,
    StaticTable: ({ index }: { index: string }) => (
      <ScrollTable>
        <StaticProse lesson={lesson} index={Number(index)} />
      </ScrollTable>
    ),
    TableChart,
    TokenExplorer,
    MemoryExplorer,
    VlmDiagram,
    SectionCheck: ({ id }: { id: string }) => <SectionCheck lesson={lesson} id={id} timeZone={timeZone} />,
  };
}
