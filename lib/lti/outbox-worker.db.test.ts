import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { forgetAccessTokens } from "@/lib/lti/data/ags-token";
import { pruneSentScores, runScoreOutbox } from "@/lib/lti/data/outbox-worker";
import { SCORE_MEDIA_TYPE } from "@/test/lti-platform-double/server";
import { startLaunchWorld, type LaunchWorld } from "@/test/lti-launch";
import { gradedCourse, takeQuiz, type GradedCourse } from "@/test/lti-grades";

// The outbox worker against the platform double over HTTP: a score reaches the line item's scores
// endpoint with the media type and body AGS asks for, the line item is made when a launch named
// none, and each kind of answer does what docs/lti-design.md §4 says (sent, a new token, failed,
// or tried again on the schedule). The double serves http on 127.0.0.1: LTI_ALLOW_HTTP is on.

vi.hoisted(() => {
  process.env.LTI_ALLOW_HTTP = "1";
});

const MIN = 60_000;
let world: LaunchWorld;
// Rows a test leaves waiting would be due in a later test whose clock runs ahead: park them. On
// PostgreSQL the database files share one database, so rows other files left count too.
const parkWaitingRows = () => db.ltiScoreOutbox.updateMany({ where: { state: "PENDING" }, data: { state: "SUPERSEDED" } });
beforeAll(async () => {
  await parkWaitingRows();
  world = await startLaunchWorld();
});
afterAll(() => world.close());
afterEach(parkWaitingRows);

const rowOf = (userId: string) => db.ltiScoreOutbox.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } });
const at = (ms: number) => () => new Date(Date.now() + ms);
const scoresTo = (course: GradedCourse) => world.platform.recorded.scores.filter((s) => s.lineItem.includes(`/${course.contextId}/`));

async function learnerWithScore(course: GradedCourse, right = 12) {
  const lu = await course.learner();
  await takeQuiz(lu.id, right);
  return lu;
}

describe("sending a score", () => {
  it("posts it to the line item's /scores, before the query, with AGS's media type and body, and marks it sent", async () => {
    const course = await gradedCourse(world);
    const lu = await learnerWithScore(course);
    const tokensBefore = world.platform.recorded.tokens.length;
    const run = await runScoreOutbox();
    expect(run).toMatchObject({ taken: 1, sent: 1 });
    const row = await rowOf(lu.id);
    expect(row).toMatchObject({ state: "SENT", attempts: 1, lastStatus: 204, lastError: null, leaseUntil: null });
    const [lineItem, query] = course.lineItem!.split("?");
    expect(scoresTo(course)).toEqual([
      {
        lineItem,
        url: `${lineItem}/scores?${query}`,
        contentType: SCORE_MEDIA_TYPE,
        body: {
          userId: lu.sub,
          scoreGiven: 12,
          scoreMaximum: 15,
          timestamp: row.timestamp.toISOString(),
          activityProgress: "Completed",
          gradingProgress: "FullyGraded",
        },
      },
    ]);
    expect(world.platform.recorded.tokens.slice(tokensBefore)).toEqual([
      { scope: "https://purl.imsglobal.org/spec/lti-ags/scope/score", clientId: world.platform.clientId },
    ]);
    // The token is kept: the next score asks for none.
    const ben = await learnerWithScore(course, 9);
    await runScoreOutbox();
    expect((await rowOf(ben.id)).state).toBe("SENT");
    expect(world.platform.recorded.tokens.length).toBe(tokensBefore + 1);
  });

  it("makes the gradebook column when the launch named none, keeps it on the link and sends there", async () => {
    const course = await gradedCourse(world, { lineItem: false, linkTitle: "Check what stuck" });
    const lu = await learnerWithScore(course, 10);
    await runScoreOutbox();
    const made = world.platform.recorded.lineItems.at(-1)!;
    expect(made).toMatchObject({
      label: "Check what stuck",
      scoreMaximum: 15,
      resourceId: "quiz:local-qwen-vl",
      resourceLinkId: "quiz-link",
      tag: "quiz",
    });
    expect(made.id).toMatch(new RegExp(`/contexts/${course.contextId}/lineitems/made-\\d+/lineitem\\?type_id=1$`));
    expect((await db.ltiResourceLink.findUniqueOrThrow({ where: { id: course.linkRowId } })).lineItemUrl).toBe(made.id);
    expect((await rowOf(lu.id)).state).toBe("SENT");
    expect(scoresTo(course).map((s) => s.url)).toEqual([made.id.replace("/lineitem?", "/lineitem/scores?")]);
    // The next score uses the stored column.
    await learnerWithScore(course, 3);
    await runScoreOutbox();
    expect(world.platform.recorded.lineItems.filter((l) => l.contextId === course.contextId)).toHaveLength(1);
    expect(scoresTo(course)).toHaveLength(2);
  });

  it("gets a new token on a 401 and tries once more; a second 401 fails the row", async () => {
    const course = await gradedCourse(world);
    const lu = await learnerWithScore(course);
    const tokensBefore = world.platform.recorded.tokens.length;
    world.platform.fail({ path: `/${course.contextId}/`, status: 401, times: 1 });
    await runScoreOutbox();
    expect(await rowOf(lu.id)).toMatchObject({ state: "SENT", lastStatus: 204 });
    expect(world.platform.recorded.tokens.length).toBe(tokensBefore + 1);

    const ben = await learnerWithScore(course, 5);
    world.platform.fail({ path: `/${course.contextId}/`, status: 401, times: 2 });
    await runScoreOutbox();
    expect(await rowOf(ben.id)).toMatchObject({ state: "FAILED", lastStatus: 401, attempts: 1 });
  });

  it("takes 409 as landed: a resend of a score the platform has (a worker killed after sending) is sent", async () => {
    const course = await gradedCourse(world);
    const lu = await learnerWithScore(course);
    await runScoreOutbox();
    // As if the worker died before writing SENT: the row is PENDING again once its lease ran out.
    const row = await rowOf(lu.id);
    await db.ltiScoreOutbox.update({
      where: { id: row.id },
      data: { state: "PENDING", sentAt: null, leaseUntil: new Date(Date.now() - 1000) },
    });
    await runScoreOutbox();
    expect(await rowOf(lu.id)).toMatchObject({ state: "SENT", lastStatus: 409, attempts: 2 });
    expect(world.platform.recorded.staleScores.filter((s) => s.lineItem.includes(course.contextId))).toHaveLength(1);
    expect(scoresTo(course)).toHaveLength(1);
  });

  it("refuses a line item on another host than the registration's, without calling it", async () => {
    const course = await gradedCourse(world);
    const lu = await learnerWithScore(course);
    await db.ltiResourceLink.update({ where: { id: course.linkRowId }, data: { lineItemUrl: "http://127.0.0.1:11434/api/pull" } });
    await runScoreOutbox();
    expect(await rowOf(lu.id)).toMatchObject({ state: "FAILED", lastStatus: null, lastError: expect.stringMatching(/registered host/) });
  });
});

describe("the retry schedule", () => {
  it("fails at once on 400, 403, 404 and 422, with the platform's message", async () => {
    for (const status of [400, 403, 404, 422]) {
      const course = await gradedCourse(world);
      const lu = await learnerWithScore(course);
      world.platform.fail({ path: `/${course.contextId}/`, status, times: 1 });
      await runScoreOutbox();
      expect(await rowOf(lu.id), String(status)).toMatchObject({
        state: "FAILED",
        lastStatus: status,
        attempts: 1,
        lastError: `{"error":"The platform double failed this request on purpose (${status})."}`,
      });
    }
  });

  it("tries again after 1 min, 5 min, 30 min… on no answer, 408, 429 and 5xx, honouring Retry-After", async () => {
    for (const status of [0, 408, 500, 503]) {
      const course = await gradedCourse(world);
      const lu = await learnerWithScore(course);
      world.platform.fail({ path: `/${course.contextId}/`, status, times: 2 });
      const start = Date.now();
      await runScoreOutbox({ clock: () => new Date(start) });
      const first = await rowOf(lu.id);
      expect(first, String(status)).toMatchObject({ state: "PENDING", attempts: 1, lastStatus: status || null, leaseUntil: null });
      expect(first.nextAttemptAt.getTime() - start).toBe(MIN);
      // Not due before its time; then the second failure waits 5 minutes, and the third try lands.
      expect((await runScoreOutbox({ clock: () => new Date(start + MIN - 1000) })).taken).toBe(0);
      await runScoreOutbox({ clock: () => new Date(start + MIN) });
      const second = await rowOf(lu.id);
      expect(second).toMatchObject({ state: "PENDING", attempts: 2 });
      expect(second.nextAttemptAt.getTime() - (start + MIN)).toBe(5 * MIN);
      await runScoreOutbox({ clock: () => new Date(start + 6 * MIN) });
      expect(await rowOf(lu.id)).toMatchObject({ state: "SENT", attempts: 3 });
    }
    const course = await gradedCourse(world);
    const lu = await learnerWithScore(course);
    world.platform.fail({ path: `/${course.contextId}/`, status: 429, times: 1, retryAfter: 600 });
    const start = Date.now();
    await runScoreOutbox({ clock: () => new Date(start) });
    expect((await rowOf(lu.id)).nextAttemptAt.getTime() - start).toBe(10 * MIN);
  });

  it("gives up 7 days after the row was queued", async () => {
    const course = await gradedCourse(world);
    const lu = await learnerWithScore(course);
    const row = await rowOf(lu.id);
    await db.ltiScoreOutbox.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - 7 * 24 * 60 * MIN), attempts: 12 } });
    world.platform.fail({ path: `/${course.contextId}/`, status: 503, times: 1 });
    await runScoreOutbox();
    expect(await rowOf(lu.id)).toMatchObject({
      state: "FAILED",
      attempts: 13,
      lastStatus: 503,
      lastError: expect.stringMatching(/^Gave up after 7 days/),
    });
  });
});

describe("two workers", () => {
  it("racing for one row send it once; a live lease keeps others off until it runs out", async () => {
    const course = await gradedCourse(world);
    const lu = await learnerWithScore(course);
    forgetAccessTokens();
    const runs = await Promise.all([runScoreOutbox(), runScoreOutbox(), runScoreOutbox()]);
    expect(runs.map((r) => r.taken).reduce((a, b) => a + b)).toBe(1);
    expect(scoresTo(course)).toHaveLength(1);
    expect((await rowOf(lu.id)).state).toBe("SENT");

    const ben = await learnerWithScore(course, 4);
    const held = await rowOf(ben.id);
    await db.ltiScoreOutbox.update({ where: { id: held.id }, data: { leaseUntil: new Date(Date.now() + 30_000) } });
    expect((await runScoreOutbox()).taken).toBe(0);
    expect((await runScoreOutbox({ clock: at(31_000) })).taken).toBe(1);
    expect((await rowOf(ben.id)).state).toBe("SENT");
  });
});

describe("sent rows", () => {
  it("are deleted after 30 days", async () => {
    const course = await gradedCourse(world);
    const [old, recent] = [await learnerWithScore(course), await learnerWithScore(course)];
    const day = 24 * 60 * MIN;
    await db.ltiScoreOutbox.updateMany({ where: { userId: old.id }, data: { state: "SENT", sentAt: new Date(Date.now() - 31 * day) } });
    await db.ltiScoreOutbox.updateMany({ where: { userId: recent.id }, data: { state: "SENT", sentAt: new Date(Date.now() - 29 * day) } });
    expect(await pruneSentScores()).toBeGreaterThanOrEqual(1);
    expect(await db.ltiScoreOutbox.count({ where: { userId: old.id } })).toBe(0);
    expect(await db.ltiScoreOutbox.count({ where: { userId: recent.id } })).toBe(1);
  });
});
