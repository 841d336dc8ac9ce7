import type { FullResult, Reporter, TestCase } from "@playwright/test/reporter";

/**
 * CI keeps at most one retry (playwright.config.ts); a test that needed it passed, but it is not
 * healthy. This prints one line per such test at the end of the run, "flaky: <file:line> › <title>",
 * so a log shows it by a grep, beside the list reporter's summary.
 */
export default class FlakyReporter implements Reporter {
  private readonly flaky = new Map<string, TestCase>();

  onTestEnd(test: TestCase) {
    // Called once per attempt: the outcome is final once the last attempt has run.
    if (test.outcome() === "flaky") this.flaky.set(test.id, test);
    else this.flaky.delete(test.id);
  }

  onEnd(result: FullResult) {
    if (!this.flaky.size) return;
    console.log(`\n${this.flaky.size} test(s) passed only on a retry (${result.status} run):`);
    for (const test of this.flaky.values()) {
      const where = `${test.location.file.split("/e2e/").pop()}:${test.location.line}`;
      console.log(`flaky: e2e/${where} › ${test.titlePath().slice(3).join(" › ")}`);
    }
  }

  printsToStdio() {
    return false;
  }
}
