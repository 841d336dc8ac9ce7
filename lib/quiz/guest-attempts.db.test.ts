import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { attemptQuiz, guestQuiz, issueGuestAttempt, VARIANT_FORMAT } from "@/lib/quiz/data/attempts";
import { variantIndex } from "@/lib/quiz/instance";
import { guestFromToken, mintGuestToken, signGuestAttempt, userViewer, verifyGuestAttempt } from "@/lib/quiz/server/viewer";

// The quiz-key hole: a guest could grade any seed (an account's included) and read the key for the
// exact questions an account's first attempt then asked.

const template = getQuizTemplate("local-qwen-vl")!;
const guest = guestFromToken(mintGuestToken())!;
const otherGuest = guestFromToken(mintGuestToken())!;

describe("guest attempts are the server's", () => {
  it("a guest attempt verifies only for the guest and quiz it was issued to, unaltered", () => {
    const { guestAttempt } = issueGuestAttempt(template, guest, 0);
    expect(verifyGuestAttempt(guest, template.lesson, guestAttempt)).toMatchObject({ rotation: 0 });
    expect(verifyGuestAttempt(otherGuest, template.lesson, guestAttempt)).toBeNull();
    expect(verifyGuestAttempt(guest, "another-lesson", guestAttempt)).toBeNull();
    expect(verifyGuestAttempt(userViewer("u1"), template.lesson, guestAttempt)).toBeNull();
    const [seed, rotation, mac] = guestAttempt.split(".");
    expect(verifyGuestAttempt(guest, template.lesson, `${seed}.${Number(rotation) + 1}.${mac}`)).toBeNull();
    expect(verifyGuestAttempt(guest, template.lesson, `0123456789abcdef.${rotation}.${mac}`)).toBeNull();
    // A bare seed (what an account's page used to carry) is not an attempt.
    expect(verifyGuestAttempt(guest, template.lesson, seed)).toBeNull();
    expect(signGuestAttempt(guest, template.lesson, { seed: seed!, rotation: 0 })).toBe(guestAttempt);
  });

  test.prop([fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 1000 })])(
    "a guest never gets a slot's first variant; an account's first attempt always does",
    (count, rotation) => {
      expect(variantIndex(count, rotation, "guest")).toBeGreaterThan(0);
      expect(variantIndex(count, rotation, "guest")).toBeLessThan(count);
      expect(variantIndex(count, 0, "account")).toBe(0);
    },
  );

  it("every question of an account's first attempt with alternatives differs from anything a guest is shown", () => {
    const account = attemptQuiz(template, { seed: "aaaaaaaa11111111", rotation: 0, format: VARIANT_FORMAT, slots: null });
    const seenByGuests = new Set<string>();
    for (let rotation = 0; rotation < 12; rotation++)
      for (const q of guestQuiz(template, { seed: `${rotation}`.padStart(16, "b"), rotation }).questions) seenByGuests.add(q.prompt);
    const withAlternatives = template.questions.filter((s) => s.alternatives.length > 0).map((s) => s.id);
    expect(withAlternatives.length).toBeGreaterThanOrEqual(10);
    for (const q of account.questions.filter((x) => withAlternatives.includes(x.id))) expect(seenByGuests.has(q.prompt)).toBe(false);
  });
});
