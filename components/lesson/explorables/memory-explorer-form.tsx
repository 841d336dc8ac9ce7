"use client";

import { useEffect, useId, useState } from "react";
import { ExplorerCard } from "@/components/lesson/explorables/fields";
import { MemoryResult } from "@/components/lesson/explorables/memory-explorer-result";
import { NumberField, SelectField } from "@/components/ui/field";
import { readNumberField } from "@/lib/forms/number-field";
import { formatNumber } from "@/lib/format";
import type { KvCacheType } from "@/lib/models/memory";
import {
  ASSUMED_KV_KB_PER_TOKEN,
  DEFAULT_HARDWARE_GB,
  estimateModelFit,
  GB,
  GPU_MEMORY_RULE,
  KV_CACHE_TYPES,
  KV_KB_PER_TOKEN_RULE,
  LAB_NUM_CTX,
  NUM_CTX_CHOICES,
  RAM_RULE,
} from "@/lib/models/model-fit";

/** A vision tag from content/models.yaml, the catalogue the lab and the models page read. */
export type CatalogueModel = { tag: string; download: string; downloadBytes: number };

/** The library serves Q4_K_M files only (content/models.yaml lists one download per tag). */
const QUANTISATION = "Q4_K_M";

const HARDWARE_KEY = "lesson-lab:hardware:v1";
type Hardware = { vram: string; ram: string };

function readStoredHardware(): Partial<Hardware> {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(HARDWARE_KEY) ?? "null");
    if (!value || typeof value !== "object") return {};
    const { vram, ram } = value as Record<string, unknown>;
    return {
      ...(typeof vram === "number" && readNumberField(String(vram), GPU_MEMORY_RULE).ok ? { vram: String(vram) } : {}),
      ...(typeof ram === "number" && readNumberField(String(ram), RAM_RULE).ok ? { ram: String(ram) } : {}),
    };
  } catch {
    return {};
  }
}

function storeHardware(hardware: { vram: number; ram: number }): void {
  try {
    window.localStorage.setItem(HARDWARE_KEY, JSON.stringify(hardware));
  } catch {
    // Storage blocked or full: the student types the values again next time.
  }
}

const CACHE_LABELS: Record<KvCacheType, string> = {
  f16: "f16 (Ollama's default)",
  q8_0: "q8_0 (half of f16)",
  q4_0: "q4_0 (a quarter of f16)",
};

/** The machine's memory as typed, kept in this browser whenever both figures are valid. */
function useStoredHardware() {
  const [hardware, setHardware] = useState<Hardware>({ vram: String(DEFAULT_HARDWARE_GB.vram), ram: String(DEFAULT_HARDWARE_GB.ram) });

  useEffect(() => {
    const stored = readStoredHardware();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the browser's copy exists only after mount
    if (stored.vram || stored.ram) setHardware((h) => ({ ...h, ...stored }));
  }, []);

  function changeHardware(key: keyof Hardware, value: string) {
    const next = { ...hardware, [key]: value };
    setHardware(next);
    const nextVram = readNumberField(next.vram, GPU_MEMORY_RULE);
    const nextRam = readNumberField(next.ram, RAM_RULE);
    if (nextVram.ok && nextRam.ok) storeHardware({ vram: nextVram.value, ram: nextRam.value });
  }
  return [hardware, changeHardware] as const;
}

/** What runs: the tag, the context length and the KV cache type. */
function SetupSelects({
  id,
  models,
  tag,
  setTag,
  numCtx,
  setNumCtx,
  cacheType,
  setCacheType,
}: {
  id: string;
  models: CatalogueModel[];
  tag: string;
  setTag: (tag: string) => void;
  numCtx: string;
  setNumCtx: (numCtx: string) => void;
  cacheType: KvCacheType;
  setCacheType: (cacheType: KvCacheType) => void;
}) {
  return (
    <>
      <SelectField
        messages="note"
        id={`${id}-tag`}
        label="Model tag"
        value={tag}
        onValueChange={setTag}
        options={models.map((m) => ({ value: m.tag, label: `${m.tag} (${m.download})` }))}
        hint={
          <>
            Quantisation: <span className="font-semibold text-ink">{QUANTISATION}</span>, the file the Ollama library serves.
          </>
        }
      />
      <SelectField
        messages="note"
        id={`${id}-ctx`}
        label="Context length (num_ctx)"
        value={numCtx}
        onValueChange={setNumCtx}
        options={NUM_CTX_CHOICES.map((n) => ({
          value: String(n),
          label: `${formatNumber(n)} tokens${n === LAB_NUM_CTX ? " (the lab's minimum)" : ""}`,
        }))}
        hint="The KV cache grows with it."
      />
      <SelectField
        messages="note"
        id={`${id}-cache`}
        label="KV cache type"
        value={cacheType}
        onValueChange={setCacheType}
        options={KV_CACHE_TYPES.map((value) => ({ value, label: CACHE_LABELS[value] }))}
        hint={
          <>
            Set on the Ollama server with <code className="font-mono">OLLAMA_KV_CACHE_TYPE</code>.
          </>
        }
      />{" "}
    </>
  );
}

/**
 * Will a Qwen-VL tag fit? The lesson's rule of thumb (lib/models/memory.ts) against the student's
 * own GPU memory and RAM, which this browser remembers.
 */
export function MemoryExplorerForm({ models, defaultTag }: { models: CatalogueModel[]; defaultTag: string }) {
  const id = useId();
  const [tag, setTag] = useState(defaultTag);
  const [numCtx, setNumCtx] = useState(String(LAB_NUM_CTX));
  const [cacheType, setCacheType] = useState<KvCacheType>("f16");
  const [kvKb, setKvKb] = useState(String(ASSUMED_KV_KB_PER_TOKEN));
  const [hardware, changeHardware] = useStoredHardware();

  const vram = readNumberField(hardware.vram, GPU_MEMORY_RULE);
  const ram = readNumberField(hardware.ram, RAM_RULE);
  const kv = readNumberField(kvKb, KV_KB_PER_TOKEN_RULE);
  const model = models.find((m) => m.tag === tag) ?? models[0]!;

  const invalid = [vram.ok ? null : "GPU memory", ram.ok ? null : "RAM", kv.ok ? null : "KV cache per token"].filter(
    (f): f is string => f !== null,
  );
  const result =
    vram.ok && ram.ok && kv.ok
      ? estimateModelFit({
          downloadBytes: model.downloadBytes,
          numCtx: Number(numCtx),
          f16KvBytesPerToken: kv.value * 1000,
          cacheType,
          vramBytes: vram.value * GB,
          ramBytes: ram.value * GB,
        })
      : null;

  return (
    <ExplorerCard
      testId="memory-explorer"
      titleId={`${id}-title`}
      title="Try it: will it fit on your machine?"
      intro="Pick a tag and a context length, enter your machine's memory, and see where Ollama would put the model. This browser remembers your GPU memory and RAM."
    >
      <form className="mt-4" noValidate onSubmit={(event) => event.preventDefault()}>
        <div className="grid gap-x-4 gap-y-3 sm:grid-cols-2">
          <SetupSelects
            id={id}
            models={models}
            tag={tag}
            setTag={setTag}
            numCtx={numCtx}
            setNumCtx={setNumCtx}
            cacheType={cacheType}
            setCacheType={setCacheType}
          />
          <NumberField
            messages="note"
            id={`${id}-kv`}
            label="KV cache per token at f16 (KB)"
            value={kvKb}
            onValueChange={setKvKb}
            min={KV_KB_PER_TOKEN_RULE.min}
            max={KV_KB_PER_TOKEN_RULE.max}
            step={1}
            error={kv.ok ? null : kv.message}
            hint={
              <>
                An assumption ({formatNumber(ASSUMED_KV_KB_PER_TOKEN)} KB), not read from the model. Your model&apos;s: layers × (key +
                value length) × KV heads × 2 bytes, from <code className="font-mono">/api/show</code>.
              </>
            }
          />
          <NumberField
            messages="note"
            id={`${id}-vram`}
            label="Your GPU memory (GB)"
            value={hardware.vram}
            onValueChange={(value) => changeHardware("vram", value)}
            min={GPU_MEMORY_RULE.min}
            max={GPU_MEMORY_RULE.max}
            step={0.5}
            error={vram.ok ? null : vram.message}
            hint="0 if you have no graphics card Ollama can use."
          />
          <NumberField
            messages="note"
            id={`${id}-ram`}
            label="Your RAM (GB)"
            value={hardware.ram}
            onValueChange={(value) => changeHardware("ram", value)}
            min={RAM_RULE.min}
            max={RAM_RULE.max}
            step={0.5}
            error={ram.ok ? null : ram.message}
            hint="Counted as all free for the model; your system needs some of it."
          />
        </div>
      </form>
      <MemoryResult
        result={result}
        invalid={invalid}
        numCtx={Number(numCtx)}
        vramGb={vram.ok ? vram.value : 0}
        ramGb={ram.ok ? ram.value : 0}
      />
    </ExplorerCard>
  );
}
