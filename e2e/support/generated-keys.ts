import { formatNumber } from "../../lib/format";
import { expectedImageTokens } from "../../lib/images/tokens";
import { percentOnGpu } from "../../lib/ollama/metrics";

// Which of a generated quiz item's options are right, worked out from its prompt with the same lib/
// functions the app uses (the browser never gets the key). Tests only.

const family = (tag: string): "qwen3-vl" | "qwen2.5-vl" => (tag.startsWith("qwen3") ? "qwen3-vl" : "qwen2.5-vl");
const num = (s: string) => Number(s.replace(/,/g, ""));

export function isRightGeneratedOption(generator: string, prompt: string, option: string): boolean {
  switch (generator) {
    case "gpu-share": {
      const [, size, vram] = /size (\d+) and size_vram (\d+)/.exec(prompt)!;
      return option.startsWith(`About ${percentOnGpu(num(size!), num(vram!))}% of it is on the GPU and the rest`);
    }
    case "metrics-readout": {
      const field = (name: string) => num(new RegExp(`(?<![a-z_])${name} (\\d+)`).exec(prompt)![1]!);
      const speed = (field("eval_count") / field("eval_duration")) * 1e9;
      const wait = (field("load_duration") + field("prompt_eval_duration")) / 1e9;
      return (
        option === `Generation ran at ${formatNumber(speed)} tokens per second` ||
        (option.startsWith("This was a cold start") && option.includes("load_duration near 0")) ||
        option.startsWith(`The wait before the first word was roughly ${formatNumber(wait, 1)} s`)
      );
    }
    case "prefill-growth": {
      const [, tag, sw, sh, bw, bh] = /^(\S+) is already warm .* a (\d+)x(\d+) screenshot with a (\d+)x(\d+) one/.exec(prompt)!;
      const small = expectedImageTokens(num(sw!), num(sh!), family(tag!), "llama-server");
      const big = expectedImageTokens(num(bw!), num(bh!), family(tag!), "llama-server");
      return (
        option.startsWith("prompt_eval_count rises") &&
        option.includes(`(about ${formatNumber(small)} to ${formatNumber(big)} image tokens)`)
      );
    }
    case "resized-tokens": {
      const [, w, h, tag] = /\((\d+)x(\d+)\) and sends it to (\S+) on/.exec(prompt)!;
      return option === `About ${formatNumber(expectedImageTokens(num(w!), num(h!), family(tag!), "llama-server"))}`;
    }
    default:
      throw new Error(`no key rule for generator ${generator}`);
  }
}
