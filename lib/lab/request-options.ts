// The options every lab request is sent with, shared by the lab's cells and `npm run ollama:verify`
// (which must load and time a model the way the lab does). Pure.

/** The context window a prompt with this many image tokens needs (at least 4096, in steps of 1024). */
export function numCtxFor(imageTokens: number): number {
  return Math.max(4096, Math.ceil((imageTokens + 2048) / 1024) * 1024);
}

/**
 * The generation budget: a model asked with think:true (a thinking variant) gets the larger one,
 * because with a format Ollama applies num_predict to its thinking pass on its own, and thinking
 * that uses it all up leaves the answer empty (docs/ollama.md, "Thinking with a format").
 */
export function numPredictFor(think: boolean | undefined, budgets: { LAB_NUM_PREDICT: number; LAB_THINKING_NUM_PREDICT: number }): number {
  return think === true ? budgets.LAB_THINKING_NUM_PREDICT : budgets.LAB_NUM_PREDICT;
}
