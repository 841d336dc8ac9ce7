import { MemoryExplorerForm } from "@/components/lesson/explorables/memory-explorer-form";
import { getModelFacts } from "@/lib/content/server/lessons";

/** The lesson's own example ("tight on an 8 GB graphics card"), when the catalogue lists it. */
const DEFAULT_TAG = "qwen2.5vl:7b";

/** `<MemoryExplorer />`: the vision tags of content/models.yaml, as the lab and the models page list them. */
export function MemoryExplorer() {
  const models = getModelFacts()
    .models.filter((m) => m.kind === "vision")
    .map(({ tag, download, downloadBytes }) => ({ tag, download, downloadBytes }));
  const defaultTag = models.some((m) => m.tag === DEFAULT_TAG) ? DEFAULT_TAG : models[0]!.tag;
  return <MemoryExplorerForm models={models} defaultTag={defaultTag} />;
}
