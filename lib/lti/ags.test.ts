import { describe, expect, it } from "vitest";
import { lineItemBody, scoreBody, scoresUrl } from "@/lib/lti/ags";
import { nextPageUrl, readMembers, standingOf } from "@/lib/lti/nrps";

describe("AGS", () => {
  it("puts /scores after the line item's path and before its query (Moodle's ?type_id=1)", () => {
    expect(scoresUrl("https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1")).toBe(
      "https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1",
    );
    expect(scoresUrl("https://canvas.example/api/lti/courses/1/line_items/7")).toBe(
      "https://canvas.example/api/lti/courses/1/line_items/7/scores",
    );
    expect(scoresUrl("https://canvas.example/api/lti/courses/1/line_items/7/")).toBe(
      "https://canvas.example/api/lti/courses/1/line_items/7/scores",
    );
  });

  it("sends the score's fields, a comment only when there is one", () => {
    const timestamp = new Date("2026-12-08T10:00:00.123Z");
    const row = { sub: "lms-7", scoreGiven: 11.5, scoreMaximum: 15, comment: null, timestamp };
    expect(scoreBody(row)).toEqual({
      userId: "lms-7",
      scoreGiven: 11.5,
      scoreMaximum: 15,
      timestamp: "2026-12-08T10:00:00.123Z",
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
    });
    expect(scoreBody({ ...row, comment: "Quote the figures." }).comment).toBe("Quote the figures.");
  });

  it("names a new line item after the link, tagged by what it grades", () => {
    const link = { resourceLinkId: "r-1", title: null, target: "QUIZ", lessonSlug: "local-qwen-vl", scoreMaximum: 15 };
    expect(lineItemBody(link)).toEqual({
      scoreMaximum: 15,
      label: "local-qwen-vl quiz",
      resourceId: "quiz:local-qwen-vl",
      resourceLinkId: "r-1",
      tag: "quiz",
    });
  });
});

describe("NRPS", () => {
  it("follows rel=next among other links, relative or absolute", () => {
    const page = "https://moodle.example/mod/lti/services.php/CourseSection/2/bindings/1/memberships";
    expect(nextPageUrl(`<${page}?page=2>; rel="next", <${page}?page=9>; rel="last"`, page)).toBe(`${page}?page=2`);
    expect(nextPageUrl(`<?page=3>; rel=next`, page)).toBe(`${page}?page=3`);
    expect(nextPageUrl(`<${page}?page=1>; rel="prev first"`, page)).toBeNull();
    expect(nextPageUrl(null, page)).toBeNull();
  });

  it("reads members, skipping those it cannot, and says who teaches, learns or only counts", () => {
    const { members, unreadable } = readMembers({
      members: [
        { user_id: "t", roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"] },
        { user_id: "l", roles: ["Learner"], status: "Active", name: "Lu" },
        { user_id: "gone", roles: ["Learner"], status: "Deleted" },
        { user_id: "m", roles: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"] },
        { roles: ["Learner"] },
      ],
    });
    expect(unreadable).toBe(1);
    expect(members.map(standingOf)).toEqual(["INSTRUCTOR", "STUDENT", "inactive", "other"]);
    expect(() => readMembers({ nope: true })).toThrow();
  });
});
