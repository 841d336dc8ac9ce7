import { createHash } from "node:crypto";
import { type VisionSpec } from "./images";

export type Capability = "completion" | "tools" | "insert" | "vision" | "embedding" | "thinking" | "image" | "audio";

export type ModelDetails = {
  parent_model: string;
  /** "gguf" for local weights; empty for a cloud stub. */
  format: "gguf" | "";
  family: string;
  families: string[];
  parameter_size: string;
  quantization_level: string;
};

export type ScriptedModel = {
  /** Full name with tag, e.g. `qwen2.5vl:3b`. */
  name: string;
  /** 64 hex digits, as /api/tags and /api/ps send it (no `sha256:` prefix). */
  digest: string;
  /** Download size in bytes. */
  size: number;
  /** false: not on disk yet, but /api/pull can fetch it. */
  installed: boolean;
  modifiedAt: string;
  details: ModelDetails;
  capabilities: Capability[];
  contextLength: number;
  license: string;
  template: string;
  parameters: string;
  modelInfo: Record<string, unknown>;
  /**
   * Go-engine SmartResize limits (`maxPixels` from 0.13.4 on, `legacyMaxPixels` before it when the
   * model had a lower cap), the block size both engines use, and the vision graph's memory.
   */
  vision?: VisionSpec & { graphBytes: number; legacyMaxPixels?: number };
  /** `PARSER` / `RENDERER` lines of the Modelfile (never top-level /api/show fields in real Ollama). */
  parser?: string;
  renderer?: string;
  /**
   * A thinking variant whose parser starts in the thinking state whatever `think` says
   * (qwen3-vl-thinking): `think: false` does not stop it thinking.
   */
  ignoresThinkFalse?: boolean;
  /** A cloud stub: /api/tags lists it, everything else is proxied to ollama.com. */
  remote?: { model: string; host: string };
  /** KV cache bytes per context token (f16), for the resident size /api/ps reports. */
  kvBytesPerToken: number;
  /** Share of the resident size on the GPU: 0 = CPU only (our machines), 1 = all on GPU. */
  vramFraction: number;
};

type ModelSpec = {
  name: string;
  architecture: string;
  family: string;
  size: number;
  parameterSize: string;
  parameterCount: number;
  capabilities: Capability[];
  contextLength: number;
  blockCount: number;
  embeddingLength: number;
  headCountKv: number;
  headDim: number;
  license: string;
  template: string;
  stops: string[];
  vision?: VisionSpec & { legacyMaxPixels?: number };
  parser?: string;
  renderer?: string;
  ignoresThinkFalse?: boolean;
  installed?: boolean;
};

const QWEN_TEMPLATE = `{{- range $i, $_ := .Messages }}<|im_start|>{{ .Role }}
{{ if .Images }}<|vision_start|><|image_pad|><|vision_end|>{{ end }}{{ .Content }}<|im_end|>
{{ end }}<|im_start|>assistant
`;

const LLAMA_TEMPLATE = `<|start_header_id|>system<|end_header_id|>

Cutting Knowledge Date: December 2023
{{ range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>

{{ .Content }}<|eot_id|>{{ end }}<|start_header_id|>assistant<|end_header_id|>

`;

const GEMMA_TEMPLATE = `{{- range .Messages }}<start_of_turn>{{ if eq .Role "assistant" }}model{{ else }}{{ .Role }}{{ end }}
{{ .Content }}<end_of_turn>
{{ end }}<start_of_turn>model
`;

// Licence texts are abridged; the first line is what the lesson shows and checks.
const QWEN_RESEARCH_LICENSE = `Qwen RESEARCH LICENSE AGREEMENT

Qwen RESEARCH LICENSE AGREEMENT Release Date: September 19, 2024

By clicking to agree or by using or distributing any portion or element of the Qwen Materials, you will be deemed to have recognized and accepted the content of this Agreement, which is effective immediately.

"Non-Commercial" shall mean for research or evaluation purposes only.

(Abridged by the Ollama test double.)`;

const APACHE_LICENSE = `Apache License
Version 2.0, January 2004
http://www.apache.org/licenses/

TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION

1. Definitions.

(Abridged by the Ollama test double.)`;

const LLAMA_LICENSE = `LLAMA 3.2 COMMUNITY LICENSE AGREEMENT
Llama 3.2 Version Release Date: September 25, 2024

"Agreement" means the terms and conditions for use, reproduction, distribution and modification of the Llama Materials set forth herein.

(Abridged by the Ollama test double.)`;

const GEMMA_LICENSE = `Gemma Terms of Use

Last modified: February 21, 2024

By using, reproducing, modifying, distributing, performing or displaying any portion or element of Gemma, Model Derivatives including via any Hosted Service, you agree to be bound by this Agreement.

(Abridged by the Ollama test double.)`;

// Qwen2.5-VL had a 1 MP cap (28*28*1280) before Ollama 0.13.4; Qwen3-VL was 2 MiP from the start.
const QWEN25VL_VISION = { factor: 28, minPixels: 56 * 56, maxPixels: 2 << 20, legacyMaxPixels: 28 * 28 * 1280 };
const QWEN3VL_VISION: VisionSpec = { factor: 32, minPixels: 64 << 10, maxPixels: 2 << 20 };
const VISION_GRAPH_BYTES = 1_500_000_000;
const MODIFIED_AT = "2025-11-03T10:15:00.000000000Z";

function fakeDigest(name: string): string {
  return createHash("sha256").update(`ollama-test-double:${name}`).digest("hex");
}

function defineModel(spec: ModelSpec): ScriptedModel {
  const arch = spec.architecture;
  const modelInfo: Record<string, unknown> = {
    "general.architecture": arch,
    "general.basename": spec.family,
    "general.file_type": 15,
    "general.parameter_count": spec.parameterCount,
    "general.quantization_version": 2,
    [`${arch}.attention.head_count_kv`]: spec.headCountKv,
    [`${arch}.block_count`]: spec.blockCount,
    [`${arch}.context_length`]: spec.contextLength,
    [`${arch}.embedding_length`]: spec.embeddingLength,
  };
  if (spec.vision) {
    modelInfo[`${arch}.vision.patch_size`] = spec.vision.factor / 2;
    modelInfo[`${arch}.vision.spatial_merge_size`] = 2;
  }
  return {
    name: spec.name,
    digest: fakeDigest(spec.name),
    size: spec.size,
    installed: spec.installed ?? true,
    modifiedAt: MODIFIED_AT,
    details: {
      parent_model: "",
      format: "gguf",
      family: spec.family,
      families: [spec.family],
      parameter_size: spec.parameterSize,
      quantization_level: "Q4_K_M",
    },
    capabilities: spec.capabilities,
    contextLength: spec.contextLength,
    license: spec.license,
    template: spec.template,
    parameters: spec.stops.map((stop) => `stop                           "${stop}"`).join("\n"),
    modelInfo,
    vision: spec.vision ? { ...spec.vision, graphBytes: VISION_GRAPH_BYTES } : undefined,
    parser: spec.parser,
    renderer: spec.renderer,
    ignoresThinkFalse: spec.ignoresThinkFalse,
    kvBytesPerToken: 2 * spec.blockCount * spec.headCountKv * spec.headDim * 2,
    vramFraction: 0,
  };
}

/**
 * What `ollama show --modelfile` prints for a model, in Ollama's order (server/images.go): FROM,
 * TEMPLATE, RENDERER, PARSER, PARAMETER lines, LICENSE. The parser name is only visible here.
 */
export function renderModelfile(model: ScriptedModel): string {
  return [
    `# Modelfile generated by "ollama show"`,
    `# To build a new Modelfile based on this, replace FROM with:`,
    `# FROM ${model.name}`,
    ``,
    `FROM /root/.ollama/models/blobs/sha256-${model.digest}`,
    `TEMPLATE """${model.template}"""`,
    ...(model.renderer ? [`RENDERER ${model.renderer}`] : []),
    ...(model.parser ? [`PARSER ${model.parser}`] : []),
    model.parameters
      .split("\n")
      .filter(Boolean)
      .map((line) => `PARAMETER ${line.replace(/\s+/, " ")}`)
      .join("\n"),
    `LICENSE """${model.license}"""`,
    ``,
  ].join("\n");
}

const QWEN3VL_THINKING = {
  capabilities: ["completion", "vision", "tools", "thinking"] as Capability[],
  parser: "qwen3-vl-thinking",
  renderer: "qwen3-vl-thinking",
  ignoresThinkFalse: true,
};

const QWEN3VL_INSTRUCT = {
  capabilities: ["completion", "vision", "tools"] as Capability[],
  parser: "qwen3-vl-instruct",
  renderer: "qwen3-vl-instruct",
};

const QWEN3VL_4B: Omit<ModelSpec, "name" | "capabilities"> = {
  architecture: "qwen3vl",
  family: "qwen3vl",
  size: 3_300_000_000,
  parameterSize: "4.4B",
  parameterCount: 4_437_815_808,
  contextLength: 262_144,
  blockCount: 36,
  embeddingLength: 2560,
  headCountKv: 8,
  headDim: 128,
  license: APACHE_LICENSE,
  template: QWEN_TEMPLATE,
  stops: ["<|im_start|>", "<|im_end|>"],
  vision: QWEN3VL_VISION,
};

/**
 * Installed: qwen2.5vl:3b (vision), qwen3-vl:4b (vision, thinking variant), qwen3-vl:4b-instruct
 * (vision, no thinking), llama3.2:3b (text), qwen3:4b (text, thinking), qwen3:4b-instruct (text). Pullable: qwen3-vl:2b,
 * qwen3-vl:8b, gemma3:1b.
 */
export const DEFAULT_MODELS: readonly ScriptedModel[] = [
  defineModel({
    name: "qwen2.5vl:3b",
    architecture: "qwen25vl",
    family: "qwen25vl",
    size: 3_200_000_000,
    parameterSize: "3.8B",
    parameterCount: 3_754_622_976,
    capabilities: ["completion", "vision"],
    contextLength: 128_000,
    blockCount: 36,
    embeddingLength: 2048,
    headCountKv: 2,
    headDim: 128,
    license: QWEN_RESEARCH_LICENSE,
    template: QWEN_TEMPLATE,
    stops: ["<|im_start|>", "<|im_end|>"],
    vision: QWEN25VL_VISION,
  }),
  // The bare tag is the thinking variant: its parser ignores think:false (ollama issues #13620, #14798).
  defineModel({ ...QWEN3VL_4B, name: "qwen3-vl:4b", ...QWEN3VL_THINKING }),
  defineModel({ ...QWEN3VL_4B, name: "qwen3-vl:4b-instruct", ...QWEN3VL_INSTRUCT }),
  defineModel({
    name: "llama3.2:3b",
    architecture: "llama",
    family: "llama",
    size: 2_019_393_189,
    parameterSize: "3.2B",
    parameterCount: 3_212_749_888,
    capabilities: ["completion", "tools"],
    contextLength: 131_072,
    blockCount: 28,
    embeddingLength: 3072,
    headCountKv: 8,
    headDim: 128,
    license: LLAMA_LICENSE,
    template: LLAMA_TEMPLATE,
    stops: ["<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"],
  }),
  defineModel({
    name: "qwen3:4b",
    architecture: "qwen3",
    family: "qwen3",
    size: 2_500_000_000,
    parameterSize: "4.0B",
    parameterCount: 4_022_468_096,
    capabilities: ["completion", "tools", "thinking"],
    contextLength: 262_144,
    blockCount: 36,
    embeddingLength: 2560,
    headCountKv: 8,
    headDim: 128,
    license: APACHE_LICENSE,
    template: QWEN_TEMPLATE,
    stops: ["<|im_start|>", "<|im_end|>"],
    // Thinks by default, and stops thinking when asked (think: false): Ollama's qwen3-thinking
    // parser reads the think value, although its name ends in "-thinking".
    parser: "qwen3-thinking",
  }),
  defineModel({
    name: "qwen3:4b-instruct",
    architecture: "qwen3",
    family: "qwen3",
    size: 2_500_000_000,
    parameterSize: "4.0B",
    parameterCount: 4_022_468_096,
    capabilities: ["completion", "tools"],
    contextLength: 262_144,
    blockCount: 36,
    embeddingLength: 2560,
    headCountKv: 8,
    headDim: 128,
    license: APACHE_LICENSE,
    template: QWEN_TEMPLATE,
    stops: ["<|im_start|>", "<|im_end|>"],
  }),
  defineModel({
    name: "qwen3-vl:2b",
    architecture: "qwen3vl",
    family: "qwen3vl",
    size: 1_900_000_000,
    parameterSize: "2.1B",
    parameterCount: 2_127_532_032,
    ...QWEN3VL_THINKING,
    contextLength: 262_144,
    blockCount: 28,
    embeddingLength: 2048,
    headCountKv: 8,
    headDim: 128,
    license: APACHE_LICENSE,
    template: QWEN_TEMPLATE,
    stops: ["<|im_start|>", "<|im_end|>"],
    vision: QWEN3VL_VISION,
    installed: false,
  }),
  // Pulled only by e2e/lab-gpu.spec.ts, which draws its thinking out past the lab's budget.
  defineModel({
    ...QWEN3VL_4B,
    name: "qwen3-vl:8b",
    size: 6_100_000_000,
    parameterSize: "8.8B",
    parameterCount: 8_767_123_696,
    embeddingLength: 4096,
    ...QWEN3VL_THINKING,
    installed: false,
  }),
  defineModel({
    name: "gemma3:1b",
    architecture: "gemma3",
    family: "gemma3",
    size: 815_319_791,
    parameterSize: "999.89M",
    parameterCount: 999_885_952,
    capabilities: ["completion"],
    contextLength: 32_768,
    blockCount: 26,
    embeddingLength: 1152,
    headCountKv: 1,
    headDim: 256,
    license: GEMMA_LICENSE,
    template: GEMMA_TEMPLATE,
    stops: ["<end_of_turn>"],
    installed: false,
  }),
  // A pullable text model no lab default picks (it sorts after the installed ones): the e2e
  // tutor's own model, which its spec can take away without disturbing the lab's specs.
  defineModel({
    name: "smollm2:360m",
    architecture: "llama",
    family: "llama",
    size: 725_566_512,
    parameterSize: "361.82M",
    parameterCount: 361_821_120,
    capabilities: ["completion", "tools"],
    contextLength: 8192,
    blockCount: 32,
    embeddingLength: 960,
    headCountKv: 5,
    headDim: 64,
    license: APACHE_LICENSE,
    template: QWEN_TEMPLATE,
    stops: ["<|im_start|>", "<|im_end|>"],
    installed: false,
  }),
];

/**
 * Ollama's name normalisation, reduced to what tests meet: a missing tag means `latest`, and the
 * default registry prefix may be spelled out.
 */
export function normalizeModelName(raw: string): string {
  const name = raw.trim().replace(/^(https?:\/\/)?registry\.ollama\.ai\/library\//, "");
  const lastSegment = name.split("/").pop() ?? name;
  return lastSegment.includes(":") ? name : `${name}:latest`;
}

/** Bytes a loaded model holds, as /api/ps reports it: weights + vision graph + KV cache for num_ctx. */
export function residentSize(model: ScriptedModel, numCtx: number): number {
  return model.size + (model.vision?.graphBytes ?? 0) + numCtx * model.kvBytesPerToken;
}

/** Names Ollama routes to ollama.com: a `cloud` tag or a tag ending in `-cloud`. */
export function isCloudName(name: string): boolean {
  const tag = normalizeModelName(name).split(":").pop() ?? "";
  return tag === "cloud" || tag.endsWith("-cloud");
}

/** The cloud stub `cloudStub` adds to /api/tags (a 384-byte manifest pointing at ollama.com). */
export const CLOUD_STUB: ScriptedModel = {
  name: "gpt-oss:120b-cloud",
  digest: fakeDigest("gpt-oss:120b-cloud"),
  size: 384,
  installed: true,
  modifiedAt: MODIFIED_AT,
  details: {
    parent_model: "",
    format: "",
    family: "gptoss",
    families: ["gptoss"],
    parameter_size: "116.8B",
    quantization_level: "MXFP4",
  },
  capabilities: ["completion", "tools", "thinking"],
  contextLength: 131_072,
  license: "",
  template: "",
  parameters: "",
  modelInfo: {},
  remote: { model: "gpt-oss:120b", host: "https://ollama.com:443" },
  kvBytesPerToken: 0,
  vramFraction: 0,
};
