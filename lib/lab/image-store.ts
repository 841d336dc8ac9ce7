import "server-only";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { normaliseImage } from "@/lib/images/normalise";
import { expectedImageTokens, VISION_FAMILIES, type VisionFamily } from "@/lib/images/tokens";
import type { OllamaEngine } from "@/lib/ollama/engine";
import { checkUpload } from "@/lib/images/validate";
import { getSample, readSampleImage } from "@/lib/lab/samples";
import { AppError } from "@/lib/app-error";

/** An upload the lab will not take: the message says why and what to do. */
export class ImageRejectedError extends AppError {
  constructor(code: string, message: string, status = 422) {
    super(code, message, { status });
  }
}

export type LabImageView = {
  id: string;
  url: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  original: { format: string; width: number; height: number; bytes: number };
  sampleId: string | null;
  fileName: string | null;
  /** estimates (image grid + 2 markers) per model family and Ollama engine; the lab shows them as "about" */
  expectedTokens: { family: VisionFamily; label: string; engine: OllamaEngine; tokens: number; tokensBeforeResize: number }[];
};

const uploadsDir = () => path.join(env.DATA_DIR, "uploads");
const fileFor = (sha256: string, format: string) =>
  path.join(uploadsDir(), sha256.slice(0, 2), `${sha256}.${format === "jpeg" ? "jpg" : "png"}`);

export function toImageView(row: {
  id: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  originalFormat: string;
  originalWidth: number;
  originalHeight: number;
  originalBytes: number;
  sampleId: string | null;
  fileName: string | null;
}): LabImageView {
  return {
    id: row.id,
    url: `/api/lab/images/${row.id}`,
    format: row.format,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    original: { format: row.originalFormat, width: row.originalWidth, height: row.originalHeight, bytes: row.originalBytes },
    sampleId: row.sampleId,
    fileName: row.fileName,
    expectedTokens: (["llama-server", "go", "go-1mp"] as const).flatMap((engine) =>
      (Object.keys(VISION_FAMILIES) as VisionFamily[])
        // Qwen3-VL arrived after the 1 MP era.
        .filter((family) => engine !== "go-1mp" || family === "qwen2.5-vl")
        .map((family) => ({
          family,
          label: VISION_FAMILIES[family].label,
          engine,
          tokens: expectedImageTokens(row.width, row.height, family, engine),
          tokensBeforeResize: expectedImageTokens(row.originalWidth, row.originalHeight, family, engine),
        })),
    ),
  };
}

/** Validates, normalises once and stores a screenshot (or a shipped sample) for its owner. */
export async function storeLabImage(
  owner: SessionUser,
  input: { bytes: Uint8Array; fileName?: string } | { sampleId: string },
): Promise<LabImageView> {
  let bytes: Uint8Array;
  let sampleId: string | null = null;
  let fileName: string | null = null;
  if ("sampleId" in input) {
    const sample = getSample(input.sampleId);
    if (!sample) throw new ImageRejectedError("UNKNOWN_SAMPLE", "That sample does not exist.");
    bytes = readSampleImage(sample);
    sampleId = sample.id;
    fileName = sample.file;
  } else {
    bytes = input.bytes;
    fileName = input.fileName ? input.fileName.replace(/[^\w.\- ]+/g, "_").slice(0, 120) : null;
  }
  const check = checkUpload(bytes, { maxBytes: env.LAB_MAX_UPLOAD_MB * 1_000_000, maxPixels: env.LAB_MAX_PIXELS });
  if (!check.ok) throw new ImageRejectedError(check.code, check.message);
  const normalised = await normaliseImage(bytes, check.image, { maxSide: env.LAB_MAX_SIDE, maxPixels: env.LAB_MAX_PIXELS }).catch(
    (error: Error) => {
      throw new ImageRejectedError("CORRUPT", error.message);
    },
  );
  const file = fileFor(normalised.sha256, normalised.format);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, normalised.bytes);
    renameSync(temp, file); // atomic: a reader never sees half a file
  }
  const data = {
    format: normalised.format,
    width: normalised.width,
    height: normalised.height,
    bytes: normalised.bytes.length,
    originalFormat: normalised.original.format,
    originalWidth: normalised.original.width,
    originalHeight: normalised.original.height,
    originalBytes: normalised.original.bytes,
    sampleId,
    fileName,
  };
  const row = await db.labImage.upsert({
    where: { ownerId_sha256: { ownerId: owner.id, sha256: normalised.sha256 } },
    create: { ownerId: owner.id, sha256: normalised.sha256, ...data },
    update: { sampleId, fileName },
  });
  return toImageView(row);
}

/** The stored bytes, for the owner and for instructors only. */
export async function readLabImage(viewer: SessionUser, id: string): Promise<{ bytes: Buffer; format: string } | null> {
  const row = await db.labImage.findUnique({ where: { id } });
  if (!row) return null;
  if (row.ownerId !== viewer.id && !hasRole(viewer, "INSTRUCTOR")) return null;
  return { bytes: readFileSync(fileFor(row.sha256, row.format)), format: row.format };
}

export async function getLabImageRow(id: string) {
  return db.labImage.findUnique({ where: { id } });
}

export function readStoredImageBytes(row: { sha256: string; format: string }): Buffer {
  return readFileSync(fileFor(row.sha256, row.format));
}
