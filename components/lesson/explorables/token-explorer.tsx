import { TokenExplorerForm } from "@/components/lesson/explorables/token-explorer-form";
import { env } from "@/lib/env";

/** `<TokenExplorer />`: the lab's longest side comes from the same setting the lab resizes with. */
export function TokenExplorer() {
  return <TokenExplorerForm labMaxSide={env.LAB_MAX_SIDE} />;
}
