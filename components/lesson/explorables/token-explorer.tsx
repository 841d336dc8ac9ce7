import { TokenExplorerForm } from "@/components/lesson/explorables/token-explorer-form";
import { HydrateWhenNear } from "@/components/lesson/hydrate-when-near";
import { env } from "@/lib/env";

/** `<TokenExplorer />`: the lab's longest side comes from the same setting the lab resizes with. */
export function TokenExplorer() {
  return (
    <HydrateWhenNear>
      <TokenExplorerForm labMaxSide={env.LAB_MAX_SIDE} />
    </HydrateWhenNear>
  );
}
