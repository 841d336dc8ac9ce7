/** getOllamaStatus ends its error with advice for a pool of one ("… or set OLLAMA_HOST."); a pool gets its own. */
export const withoutAdvice = (error: string) => error.replace(/ Start it with .*$/, "");

/**
 * Students never see addresses: a host is "GPU host 2" to them. Not in the markup either: keys and
 * props travel in the page's payload, so they carry the host's number, never its URL.
 */
export const hostLabel = (report: { number: number; url: string }, isInstructor: boolean) =>
  isInstructor ? `Host ${report.number}: ${report.url}` : `GPU host ${report.number}`;
