import { z } from "zod";
import { classRoleOf, type LtiClassRole } from "@/lib/lti/claims";

// Names and Role Provisioning Services 2.0 (1EdTech, 2019): a course's membership container, read a
// page at a time. Pure: the roster sync (lib/lti/data/roster.ts) fetches, this reads.

/** how many pages one sync follows: a runaway `next` chain stops here */
export const MAX_ROSTER_PAGES = 50;

const memberSchema = z.object({
  user_id: z.string().min(1).max(255),
  // NRPS 2.0 §2.2: absent means Active
  status: z.enum(["Active", "Inactive", "Deleted"]).optional(),
  roles: z.array(z.string().max(300)).max(50).default([]),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
});
export type RosterMember = z.infer<typeof memberSchema>;

/** One page of the container; a member this tool cannot read is skipped, not the whole page. */
export const membershipPageSchema = z.object({
  members: z.array(z.unknown()).max(10_000),
});

export function readMembers(page: unknown): { members: RosterMember[]; unreadable: number } {
  const parsed = membershipPageSchema.parse(page);
  const members: RosterMember[] = [];
  let unreadable = 0;
  for (const raw of parsed.members) {
    const member = memberSchema.safeParse(raw);
    if (member.success) members.push(member.data);
    else unreadable++;
  }
  return { members, unreadable };
}

/** What a member becomes here: a teacher or a learner of the class, or only counted (inactive, or neither role). */
export function standingOf(member: RosterMember): LtiClassRole | "inactive" | "other" {
  if ((member.status ?? "Active") !== "Active") return "inactive";
  return classRoleOf(member.roles) ?? "other";
}

/** The `rel="next"` target of a Link header (RFC 8288), resolved against the page's URL; null at the last page. */
export function nextPageUrl(link: string | null, pageUrl: string): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(match[2]!);
    const rels = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (rels.includes("next")) {
      try {
        return new URL(match[1]!, pageUrl).toString();
      } catch {
        return null;
      }
    }
  }
  return null;
}
