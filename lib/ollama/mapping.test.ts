import { describe, expect, it } from "vitest";
import { isCloudModel, isThinkingParser, parserOf } from "@/lib/ollama/server/catalogue";
import { thinkFor } from "@/lib/ollama/server/chat";
import { OllamaError, readRunnerError, toOllamaError } from "@/lib/ollama/errors";
import { pullFailure } from "@/lib/ollama/server/pull";

// How the app reads what real Ollama sends, on both engines (shapes from ollama/ollama's source, as docs/ollama.md records them;
// see the fidelity review and findings). Pure mapping: no server needed.

const host = "http://gpu:11434";
const responseError = (status: number, error: string) =>
  Object.assign(new Error(error), { name: "ResponseError", status_code: status, error });
const fetchFailed = (code: string, message = "fetch failed") => Object.assign(new TypeError(message), { cause: { code } });

describe("errors from Ollama", () => {
  it("reads llama-server's JSON error inside Ollama's, and plain text from the Go engine", () => {
    expect(
      readRunnerError(
        '{"error":{"code":400,"message":"request (5000 tokens) exceeds the available context size (4096 tokens)","type":"exceed_context_size_error"}}',
      ),
    ).toMatchObject({
      message: "request (5000 tokens) exceeds the available context size (4096 tokens)",
      type: "exceed_context_size_error",
    });
    expect(readRunnerError("model runner has unexpectedly stopped")).toEqual({
      message: "model runner has unexpectedly stopped",
      type: null,
      details: {},
    });
  });

  it("maps statuses and llama-server error types to codes a person can act on", () => {
    const code = (status: number, text: string) => toOllamaError(responseError(status, text), { host, model: "m" }).code;
    expect(code(404, "model 'm' not found")).toBe("MODEL_NOT_FOUND");
    expect(code(503, "server busy, please try again.  maximum pending requests exceeded")).toBe("BUSY");
    expect(code(500, "model runner has unexpectedly stopped")).toBe("RUNNER_CRASHED");
    expect(
      code(
        400,
        '{"error":{"code":400,"message":"request (9000 tokens) exceeds the available context size (8192 tokens), try increasing it","type":"exceed_context_size_error"}}',
      ),
    ).toBe("CONTEXT_TOO_SMALL");
    expect(
      code(
        400,
        '{"error":{"code":400,"message":"Multimodal data provided, but model does not support multimodal requests.","type":"invalid_request_error"}}',
      ),
    ).toBe("IMAGES_NOT_SUPPORTED");
    expect(code(400, '"m" does not support thinking')).toBe("BAD_REQUEST");
    expect(
      toOllamaError(responseError(400, '{"error":{"code":400,"message":"bad thing","type":"x"}}'), { host, model: "m" }).message,
    ).toContain("bad thing");
  });

  it("tells Node's 300 s fetch limits (a timeout) from a refused connection (not reachable)", () => {
    expect(toOllamaError(fetchFailed("UND_ERR_HEADERS_TIMEOUT"), { host, model: "m" }).code).toBe("TIMEOUT");
    expect(toOllamaError(fetchFailed("UND_ERR_BODY_TIMEOUT", "terminated"), { host, model: "m" }).code).toBe("TIMEOUT");
    expect(toOllamaError(fetchFailed("UND_ERR_SOCKET", "terminated"), { host, model: "m" }).code).toBe("STREAM_FAILED");
    expect(toOllamaError(fetchFailed("ECONNREFUSED"), { host }).code).toBe("UNREACHABLE");
    expect(toOllamaError(fetchFailed("ENOTFOUND"), { host }).code).toBe("UNREACHABLE");
    expect(toOllamaError(new DOMException("The operation was aborted due to timeout", "TimeoutError"), { host }).code).toBe("TIMEOUT");
    expect(toOllamaError(new DOMException("This operation was aborted", "AbortError"), { host }).code).toBe("ABORTED");
    expect(
      toOllamaError(new Error("Did not receive done or success response in stream."), { host, model: "m", partialText: "half" }),
    ).toMatchObject({
      code: "STREAM_FAILED",
      partialText: "half",
    });
  });

  it("says 'no such model' for a pull only when the registry said so", () => {
    const failed = (text: string) => pullFailure(toOllamaError(new Error(text), { host, model: "x:1b" }), "x:1b", host).code;
    expect(failed("pull model manifest: file does not exist")).toBe("MODEL_NOT_FOUND");
    expect(
      failed(
        'pull model manifest: Get "https://registry.ollama.ai/v2/library/x/manifests/1b": dial tcp: lookup registry.ollama.ai: no such host',
      ),
    ).toBe("REGISTRY_UNREACHABLE");
    expect(
      failed(
        'pull model manifest: Get "https://registry.ollama.ai/v2/library/x/manifests/1b": dial tcp: lookup registry.ollama.ai: i/o timeout',
      ),
    ).toBe("REGISTRY_UNREACHABLE");
    expect(failed("pull model manifest: 500: internal")).toBe("STREAM_FAILED");
    expect(pullFailure(new OllamaError("ABORTED", "x"), "x", host).code).toBe("ABORTED");
  });
});

describe("thinking models and cloud stubs", () => {
  it("reads the parser from the model file, since /api/show leaves its parser field empty", () => {
    expect(parserOf("FROM x\nTEMPLATE {{ .Prompt }}\nRENDERER qwen3-vl-thinking\nPARSER qwen3-vl-thinking\n")).toBe("qwen3-vl-thinking");
    expect(parserOf("FROM x\n")).toBeNull();
    expect(isThinkingParser("qwen3-vl-thinking")).toBe(true);
    expect(isThinkingParser("qwen3-vl-instruct")).toBe(false);
    expect(isThinkingParser("qwen3")).toBe(false);
    // These two honour think:false (their Init reads it), whatever their names suggest.
    expect(isThinkingParser("qwen3-thinking")).toBe(false);
    expect(isThinkingParser("lfm2-thinking")).toBe(false);
    expect(isThinkingParser("olmo3-think")).toBe(true);
  });

  it("never sends think:false to a model that ignores it, and nothing to a model without thinking", () => {
    expect(thinkFor({ capabilities: ["completion", "vision"], isThinkingVariant: false })).toEqual({});
    expect(thinkFor({ capabilities: ["completion", "thinking"], isThinkingVariant: false })).toEqual({ think: false });
    expect(thinkFor({ capabilities: ["completion", "vision", "thinking"], isThinkingVariant: true })).toEqual({ think: true });
  });

  it("sets cloud stubs apart from local models", () => {
    expect(isCloudModel({ name: "gpt-oss:120b-cloud", remote_host: "https://ollama.com:443" })).toBe(true);
    expect(isCloudModel({ name: "deepseek-v3.1:671b-cloud" })).toBe(true);
    expect(isCloudModel({ name: "qwen3:cloud" })).toBe(true);
    expect(isCloudModel({ name: "qwen3-vl:4b" })).toBe(false);
  });
});
