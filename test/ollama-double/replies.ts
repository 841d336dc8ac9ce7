import { createHash } from "node:crypto";
import { type ImageFormat } from "./images";

/** An image a vision model actually processed. */
export type SeenImage = { format: ImageFormat; width: number; height: number; bytes: number; tokens: number; sha256: string };

export type ReplyInput = {
  model: string;
  isVision: boolean;
  /** The last user message's text. */
  prompt: string;
  /** Images attached to any message, as received (a text-only model still got them). */
  imageCount: number;
  seen: SeenImage[];
};

const SCENES = [
  "a light page with a dark header bar, a left navigation column and a form with two text fields",
  "a dashboard with a top toolbar, three summary cards and a line chart below them",
  "a settings dialog with a list of toggles, a primary button at the bottom right and a cancel link",
  "a table of rows with a search box above it and pagination controls underneath",
  "a chat window with message bubbles on both sides and an input box at the bottom",
];

const MENTIONS_IMAGE = /\b(image|images|screenshot|screen shot|picture|photo|diagram|figure)\b/i;

/** Whitespace-split words, the unit of the test double's `words * 1.3` prompt token estimate. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/**
 * Splits generated text into the pieces streamed one per chunk. Every character lands in exactly
 * one piece, so joining the chunks gives back the text byte for byte (JSON included).
 */
export function tokenize(text: string): string[] {
  return text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]+|\s+/gu) ?? [];
}

/** A deterministic prose reply that depends only on what the model received. */
export function composeReply(input: ReplyInput): string {
  const { model, isVision, prompt, imageCount, seen } = input;
  const asked = quote(prompt);
  if (isVision && seen.length > 0) {
    const parts = seen.map((image, index) => {
      const scene = SCENES[parseInt(image.sha256.slice(0, 8), 16) % SCENES.length] ?? SCENES[0];
      return `Image ${index + 1}: a ${image.format.toUpperCase()} of ${image.width}x${image.height} pixels, ${image.bytes} bytes → ${image.tokens} image tokens. It shows ${scene}.`;
    });
    return `${parts.join(" ")} Asked ${asked}, I describe only what is visible; hidden state stays unknown. Résumé: ${seen.length} image(s) seen by ${model}.`;
  }
  if (isVision) {
    return `No image was attached, so ${model} answers from the text alone → ${asked}. Nothing visual to describe; voilà.`;
  }
  const passage = /<passage n="(\d+)"[^>]*>\s*([\s\S]*?)\s*<\/passage>/.exec(prompt);
  if (passage && imageCount === 0) {
    // Asked to answer from numbered passages (the lesson tutor): answer from the first and cite it.
    const sentence = /^[\s\S]*?[.!?](?=\s|$)/.exec(passage[2]!)?.[0] ?? passage[2]!.slice(0, 160);
    return `From the lesson → ${sentence.trim()} [${passage[1]}] (${model} via the Ollama test double; voilà.)`;
  }
  if (imageCount > 0 || MENTIONS_IMAGE.test(prompt)) {
    return `I cannot see images: ${model} is a text-only model, so I only received your text → ${asked}. Please describe the screenshot in words, or use a vision model; I will not guess what it shows (no déjà vu).`;
  }
  return `Here is ${model}'s answer → ${asked}. This reply comes from the Ollama test double, not a real model; café au lait for everyone.`;
}

/** What a thinking model "thinks" before answering, streamed in `message.thinking`: a few deterministic sentences. */
export function composeThinking(input: ReplyInput): string {
  const asked = quote(input.prompt);
  const first = input.seen[0];
  return [
    first ? `The user sent ${input.seen.length} image(s) and asked ${asked}.` : `The user asked ${asked} and I received no image.`,
    first
      ? `The first image is ${first.width}x${first.height} pixels; I should read only what is visible in it.`
      : `Without an image I must not invent what a screen shows.`,
    `Hidden state such as closed menus or cut-off values stays unknown → I will say so instead of guessing.`,
    `Keep the answer short and in the format that was asked for.`,
  ].join(" ");
}

function quote(prompt: string): string {
  const words = prompt.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "an empty prompt";
  const excerpt = words.slice(0, 12).join(" ");
  return `“${excerpt}${words.length > 12 ? " …" : ""}”`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
