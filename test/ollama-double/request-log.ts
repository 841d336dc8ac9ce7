import { normalizeModelName } from "./models";
import { type RequestLogEntry } from "./state";
import { type ChatOutcome, type StatsRecorder } from "./stats";

/**
 * Settles a chat's outcome once, as soon as it is known, and counts it: a client that has just read
 * the done:true line or the error already finds it in the stats. Later calls change nothing.
 */
export function settleChat(entry: RequestLogEntry, stats: StatsRecorder, outcome: ChatOutcome): void {
  if (entry.path !== "/api/chat" || entry.outcome !== undefined) return;
  entry.outcome = outcome;
  const model = entry.model?.trim();
  if (model) stats.recordChat(normalizeModelName(model), outcome, (entry.messages ?? 0) === 0);
}

/** One line per finished request, id first, as the CLI prints it. */
export function describeRequest(entry: RequestLogEntry): string {
  const parts = [entry.id, new Date(entry.endedAt ?? Date.now()).toISOString(), entry.method, entry.path];
  if (entry.model) parts.push(entry.model);
  if (entry.path === "/api/chat") parts.push(`images=${entry.images.count}`);
  parts.push(`-> ${entry.status ?? "aborted"}`);
  if (entry.outcome) parts.push(entry.outcome);
  if (entry.endedAt !== undefined) parts.push(`${entry.endedAt - entry.at}ms`);
  if (entry.aborted) parts.push("(client aborted)");
  if (entry.error) parts.push(`(${entry.error})`);
  if (entry.clientRequestId) parts.push(`x-request-id=${entry.clientRequestId}`);
  return parts.join(" ");
}
