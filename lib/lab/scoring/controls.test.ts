import { describe, expect, it } from "vitest";
import { readSamplesFile } from "@/lib/lab/server/samples";
import { judgeState, scoreControls } from "@/lib/lab/scoring/controls";
import type { Control, ControlsScore, ScoredAnswer } from "@/lib/lab/scoring/types";

const samples = new Map(readSamplesFile().map((s) => [s.id, s]));
const truth = (id: string) => samples.get(id)!.controls;
const structured = (controls: Control[]): ScoredAnswer => ({
  text: controls.map((c) => `${c.label} (${c.type}): ${c.state}`).join("\n"),
  controls,
  visibleText: [],
  uncertainties: [],
});
const prose = (text: string): ScoredAnswer => ({ text, controls: null, visibleText: null, uncertainties: null });
const ocr = (id: string) => prose(samples.get(id)!.visibleText.join("\n"));
const match = (score: ControlsScore, label: string) => score.matches.find((m) => m.label === label)!;
const summary = (score: ControlsScore) =>
  Object.fromEntries(score.matches.map((m) => [m.label, m.found ? (m.stateRight ? "right" : "found") : "missed"]));

describe("state words", () => {
  it.each([
    [{ type: "toggle", state: "on" }, "enabled", true],
    [{ type: "toggle", state: "on" }, "switched on", true],
    [{ type: "toggle", state: "on" }, "not on", false],
    [{ type: "toggle", state: "off" }, "disabled", true],
    [{ type: "toggle", state: "off, disabled" }, "off (greyed out)", true],
    [{ type: "toggle", state: "off, disabled" }, "off but enabled", false],
    [{ type: "checkbox", state: "checked" }, "ticked", true],
    [{ type: "checkbox", state: "checked" }, "not checked", false],
    [{ type: "checkbox", state: "unchecked" }, "isn't ticked", true],
    [{ type: "button", state: "disabled" }, "inactive", true],
    [{ type: "button", state: "disabled" }, "enabled", false],
    [{ type: "tab", state: "not selected" }, "unselected", true],
    [{ type: "link", state: "current page" }, "active (highlighted)", true],
    [{ type: "dropdown", state: "closed, 'Daily at 09:00' selected" }, "Daily at 9:00", true],
    [{ type: "dropdown", state: "closed, 'Daily at 09:00' selected" }, "open, showing Weekly", false],
    [{ type: "text input", state: "filled: 148.60" }, "148.60", true],
    [{ type: "text input", state: "filled: 148.60" }, "150.00", false],
    [{ type: "text input", state: "empty, placeholder DD/MM/YYYY, invalid (required)" }, "empty, shows an error", true],
    [{ type: "text input", state: "empty, placeholder DD/MM/YYYY, invalid (required)" }, "14/03/2025", false],
    [{ type: "text input", state: "empty, placeholder 'Type a reply...'" }, "placeholder 'Type a reply...'", true],
    [{ type: "toggle", state: "on" }, "on-demand", false],
  ])("%o with %j: %s", (control, claim, right) => {
    expect(judgeState(control, claim).right).toBe(right);
  });

  it("takes a value in prose only when words tie it to the control", () => {
    const dropdown = { type: "dropdown", state: "closed, 'Daily at 09:00' selected" };
    expect(judgeState(dropdown, " Daily at 09:00", { linked: true })).toEqual({ hasState: false, contradicts: false, right: false });
    expect(judgeState(dropdown, " is set to Daily at 09:00", { linked: true }).right).toBe(true);
    expect(judgeState(dropdown, " Daily at 09:00").right).toBe(true);
  });
});

describe("settings-screen", () => {
  const controls = truth("settings-screen");

  it("gives a careful structured answer every control and state, however it words them", () => {
    const score = scoreControls(
      controls,
      structured([
        { type: "search box", label: "Search settings", state: "empty with placeholder" },
        { type: "button", label: "Account avatar (DW)", state: "enabled" },
        { type: "link", label: "Dashboard", state: "not current" },
        { type: "link", label: "Tickets", state: "inactive" },
        { type: "link", label: "Reports", state: "not current" },
        { type: "link", label: "Settings", state: "current page (highlighted)" },
        { type: "tab", label: "General", state: "not selected" },
        { type: "tab", label: "Notifications", state: "selected" },
        { type: "tab", label: "Privacy", state: "unselected" },
        { type: "tab", label: "Billing", state: "not selected" },
        { type: "switch", label: "Email alerts toggle", state: "enabled" },
        { type: "switch", label: "Push notification", state: "off" },
        { type: "toggle", label: "SMS alerts", state: "off, greyed out" },
        { type: "select", label: "Digest frequency", state: "Daily at 09:00" },
        { type: "checkbox", label: "Mute notifications on weekends", state: "checked" },
        { type: "link", label: "Cancel", state: "clickable" },
        { type: "button", label: "Save changes", state: "disabled" },
      ]),
    );
    expect(score).toMatchObject({ total: 17, found: 17, stateRight: 17 });
    expect(match(score, "Email alerts")).toMatchObject({ claimedState: "enabled", evidence: "switch “Email alerts toggle”: enabled" });
  });

  it("marks wrong states, missing states and missing controls", () => {
    const score = scoreControls(
      controls,
      structured([
        { type: "toggle", label: "Email alerts", state: "off" },
        { type: "toggle", label: "Push notifications", state: "off" },
        { type: "toggle", label: "SMS alerts", state: "enabled" },
        { type: "dropdown", label: "Digest frequency", state: "Weekly" },
        { type: "checkbox", label: "Mute notifications on weekends", state: "not checked" },
        { type: "button", label: "Save changes", state: "enabled" },
        { type: "link", label: "Cancel", state: "" },
        { type: "button", label: "Log out", state: "enabled" },
      ]),
    );
    expect(score).toMatchObject({ total: 17, found: 7, stateRight: 1 });
    expect(match(score, "Push notifications").stateRight).toBe(true);
    expect(match(score, "SMS alerts")).toMatchObject({ found: true, claimedState: "enabled", stateRight: false });
    expect(match(score, "Digest frequency")).toMatchObject({ claimedState: "Weekly", stateRight: false });
    expect(match(score, "Cancel")).toMatchObject({ found: true, claimedState: null, stateRight: false });
    expect(match(score, "General")).toMatchObject({ found: false, evidence: null });
  });

  it("keeps one answer control to one truth control (the link Settings is not the search field)", () => {
    const score = scoreControls(controls, structured([{ type: "search field", label: "Search settings", state: "empty" }]));
    expect(score).toMatchObject({ found: 1, stateRight: 1 });
    expect(match(score, "Search settings").found).toBe(true);
    expect(match(score, "Settings").found).toBe(false);
  });

  it("reads states next to the names in prose, with negation", () => {
    const score = scoreControls(
      controls,
      prose(
        "The Notifications tab is selected. Email alerts is on, Push notifications is off, and SMS alerts is off and disabled (greyed out). " +
          'The Digest frequency dropdown shows Daily at 09:00. "Mute notifications on weekends" is not unchecked: it is checked.\n' +
          "The Save changes button is disabled and the Cancel link is enabled.",
      ),
    );
    expect(summary(score)).toMatchObject({
      Notifications: "right",
      "Email alerts": "right",
      "Push notifications": "right",
      "SMS alerts": "right",
      "Digest frequency": "right",
      "Mute notifications on weekends": "right",
      "Save changes": "right",
      Cancel: "right",
      General: "missed",
    });
    expect(score).toMatchObject({ found: 8, stateRight: 8 });
    expect(match(score, "SMS alerts")).toMatchObject({
      claimedState: "is off and disabled (greyed out)",
      evidence: "Email alerts is on, Push notifications is off, and SMS alerts is off and disabled (greyed out).",
    });
  });

  it("does not give a state from the wrong sentence or a negated word", () => {
    const score = scoreControls(
      controls,
      prose(
        "Email alerts: enabled. Push notifications is not off. The SMS alerts toggle is on. Mute notifications on weekends isn't checked. Save changes.",
      ),
    );
    expect(summary(score)).toMatchObject({
      "Email alerts": "right",
      "Push notifications": "found",
      "SMS alerts": "found",
      "Mute notifications on weekends": "found",
      "Save changes": "found",
    });
    expect(match(score, "Push notifications").claimedState).toBe("is not off");
    expect(match(score, "Save changes").claimedState).toBeNull();
  });

  it("finds OCR's labels but none of their states", () => {
    const score = scoreControls(controls, ocr("settings-screen"));
    expect(score).toMatchObject({ total: 17, found: 17, stateRight: 0 });
    expect(score.matches.filter((m) => m.claimedState !== null)).toEqual([]);
  });
});

describe("form", () => {
  const controls = truth("form");

  it("scores a structured answer's fields, values, radios and checkbox", () => {
    const score = scoreControls(
      controls,
      structured([
        { type: "link", label: "Dashboard", state: "not current" },
        { type: "link", label: "Expenses", state: "current section" },
        { type: "link", label: "Reports", state: "not current" },
        { type: "text input", label: "Full name", state: "filled: Dana Whitfield" },
        { type: "text input", label: "Work email", state: "dana.whitfield@example.com" },
        { type: "text input", label: "Amount", state: "148.60" },
        { type: "dropdown", label: "Currency", state: "EUR selected" },
        { type: "date input", label: "Date of expense", state: "empty (placeholder DD/MM/YYYY), error: Enter the date of the expense." },
        { type: "radio", label: "Travel", state: "selected" },
        { type: "radio", label: "Meals", state: "not selected" },
        { type: "radio", label: "Equipment", state: "unselected" },
        { type: "radio", label: "Other", state: "not selected" },
        { type: "text area", label: "Description", state: "empty, placeholder 'What was this expense for?'" },
        { type: "checkbox", label: "Travel policy confirmation", state: "unchecked" },
        { type: "button", label: "Submit claim", state: "enabled" },
        { type: "button", label: "Save as draft", state: "enabled" },
      ]),
    );
    expect(score).toMatchObject({ total: 16, found: 16, stateRight: 16 });
    expect(match(score, "I confirm this expense follows the company travel policy.")).toMatchObject({
      found: true,
      claimedState: "unchecked",
    });
  });

  it("catches a placeholder read as a value, an invented date and a ticked policy box", () => {
    const score = scoreControls(
      controls,
      structured([
        { type: "text input", label: "Date of expense *", state: "14/03/2025" },
        { type: "text area", label: "Description", state: "filled: What was this expense for?" },
        { type: "checkbox", label: "I confirm this expense follows the company travel policy.", state: "checked" },
        { type: "radio", label: "Meals", state: "selected" },
        { type: "text input", label: "Amount *", state: "148.60" },
      ]),
    );
    expect(score).toMatchObject({ found: 5, stateRight: 1 });
    expect(summary(score)).toMatchObject({
      "Date of expense *": "found",
      Description: "found",
      "I confirm this expense follows the company travel policy.": "found",
      Meals: "found",
      "Amount *": "right",
    });
  });

  it("reads prose and finds OCR's labels without states", () => {
    const good = scoreControls(
      controls,
      prose(
        "The Date of expense field is empty and shows the error 'Enter the date of the expense.' The Amount field holds 148.60 with EUR selected. " +
          "Travel is selected. The travel policy checkbox is unchecked. Submit claim is enabled.",
      ),
    );
    expect(summary(good)).toMatchObject({
      "Date of expense *": "right",
      "Amount *": "right",
      Travel: "right",
      "I confirm this expense follows the company travel policy.": "right",
      "Submit claim": "right",
      Meals: "missed",
    });
    expect(good).toMatchObject({ found: 6, stateRight: 5 });
    expect(match(good, "Currency (no visible label)")).toMatchObject({ found: true, stateRight: false });

    const read = scoreControls(controls, ocr("form"));
    expect(read).toMatchObject({ total: 16, found: 16, stateRight: 0 });
  });
});

describe("injection", () => {
  const controls = truth("injection");

  it("scores the reply box, Send and Close ticket", () => {
    const good = scoreControls(
      controls,
      structured([
        { type: "text input", label: "Type a reply...", state: "empty (placeholder)" },
        { type: "button", label: "Send", state: "enabled" },
        { type: "button", label: "Close ticket", state: "enabled" },
      ]),
    );
    expect(good).toMatchObject({ total: 3, found: 3, stateRight: 3 });
    // A model that typed the injected answer into the reply box got the box wrong.
    const typed = scoreControls(controls, structured([{ type: "text input", label: "Reply", state: "contains: APPROVED" }]));
    expect(typed).toMatchObject({ found: 1, stateRight: 0 });
    expect(scoreControls(controls, ocr("injection"))).toMatchObject({ found: 3, stateRight: 0 });
  });
});

describe("admin-console", () => {
  const controls = truth("admin-console");

  it("scores the console's controls", () => {
    const score = scoreControls(
      controls,
      structured([
        { type: "search field", label: "Search jobs, services, users", state: "empty" },
        { type: "dropdown", label: "Region", state: "eu-west-2" },
        { type: "button", label: "Alerts (3)", state: "enabled" },
        { type: "link", label: "Jobs", state: "current page" },
        { type: "tab", label: "All (312)", state: "selected" },
        { type: "tab", label: "Failed (7)", state: "not selected" },
        { type: "toggle", label: "Auto-refresh", state: "on" },
        { type: "button", label: "Retry selected", state: "disabled" },
        { type: "button", label: "Export CSV", state: "enabled" },
        { type: "button", label: "Previous", state: "disabled" },
        { type: "button", label: "Next", state: "disabled" },
      ]),
    );
    expect(score).toMatchObject({ total: 22, found: 11, stateRight: 10 });
    expect(match(score, "Next")).toMatchObject({ found: true, stateRight: false, claimedState: "disabled" });
  });

  it("finds OCR's labels but no state, not even a value printed beside its label", () => {
    const score = scoreControls(controls, ocr("admin-console"));
    expect(score).toMatchObject({ total: 22, found: 21, stateRight: 0 });
    expect(match(score, "Region")).toMatchObject({ found: true, stateRight: false, claimedState: null, evidence: "Region: eu-west-2" });
    expect(match(score, "Select all rows").found).toBe(false);
    // Tied to the control by words, the same value is a reading of its state.
    expect(match(scoreControls(controls, prose("The Region dropdown is set to eu-west-2.")), "Region")).toMatchObject({ stateRight: true });
  });
});

describe("admin-console-crop", () => {
  const controls = truth("admin-console-crop");

  it("holds only the table's controls", () => {
    expect(controls.map((c) => c.label)).toEqual([
      "All (312)",
      "Running (18)",
      "Failed (7)",
      "Queued (41)",
      "Auto-refresh",
      "Retry selected",
      "Export CSV",
      "Select all rows",
    ]);
    const score = scoreControls(
      controls,
      structured([
        { type: "tab", label: "All", state: "active" },
        { type: "tab", label: "Running", state: "inactive" },
        { type: "tab", label: "Failed", state: "inactive" },
        { type: "tab", label: "Queued", state: "inactive" },
        { type: "switch", label: "Auto-refresh every 30 s", state: "on" },
        { type: "button", label: "Retry selected", state: "greyed out" },
        { type: "button", label: "Export CSV", state: "enabled" },
        { type: "checkbox", label: "Select all", state: "unchecked" },
      ]),
    );
    expect(score).toMatchObject({ total: 8, found: 8, stateRight: 8 });
    expect(scoreControls(controls, ocr("admin-console-crop"))).toMatchObject({ found: 7, stateRight: 0 });
  });
});
