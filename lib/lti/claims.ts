import { z } from "zod";

// The LTI 1.3 claims a launch's id_token carries (1EdTech LTI Core 1.3 §5, Deep Linking 2.0 §4.4),
// read with zod: what the tool relies on must be there and well formed, everything else is ignored.

export const LTI_CLAIM = {
  messageType: "https://purl.imsglobal.org/spec/lti/claim/message_type",
  version: "https://purl.imsglobal.org/spec/lti/claim/version",
  deploymentId: "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
  targetLinkUri: "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
  resourceLink: "https://purl.imsglobal.org/spec/lti/claim/resource_link",
  roles: "https://purl.imsglobal.org/spec/lti/claim/roles",
  context: "https://purl.imsglobal.org/spec/lti/claim/context",
  custom: "https://purl.imsglobal.org/spec/lti/claim/custom",
  launchPresentation: "https://purl.imsglobal.org/spec/lti/claim/launch_presentation",
  deepLinkingSettings: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
  agsEndpoint: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrpsService: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
} as const;

const text = (max: number) => z.string().min(1).max(max);

const common = {
  sub: text(255),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
  [LTI_CLAIM.version]: z.literal("1.3.0"),
  [LTI_CLAIM.deploymentId]: text(255),
  [LTI_CLAIM.targetLinkUri]: z.url().max(2000).optional(),
  [LTI_CLAIM.roles]: z.array(z.string().max(300)).max(50),
  [LTI_CLAIM.context]: z.object({ id: text(255), title: z.string().max(300).optional(), label: z.string().max(300).optional() }).optional(),
  [LTI_CLAIM.agsEndpoint]: z
    .object({ scope: z.array(z.string()).max(10), lineitems: z.url().optional(), lineitem: z.url().optional() })
    .optional(),
  [LTI_CLAIM.nrpsService]: z.object({ context_memberships_url: z.url() }).optional(),
  // What the link was set up with (deep linking's custom parameters), and where the launch is shown.
  [LTI_CLAIM.custom]: z.record(z.string().max(100), z.string().max(2000)).optional(),
  [LTI_CLAIM.launchPresentation]: z
    .object({ document_target: z.enum(["iframe", "window", "embed"]).optional(), return_url: z.url().optional() })
    .optional(),
};

const resourceLinkLaunch = z.object({
  ...common,
  [LTI_CLAIM.messageType]: z.literal("LtiResourceLinkRequest"),
  [LTI_CLAIM.resourceLink]: z.object({ id: text(255), title: z.string().max(300).optional() }),
});

const deepLinkingLaunch = z.object({
  ...common,
  [LTI_CLAIM.messageType]: z.literal("LtiDeepLinkingRequest"),
  [LTI_CLAIM.deepLinkingSettings]: z.object({
    deep_link_return_url: z.url(),
    accept_types: z.array(z.string()).min(1),
    accept_presentation_document_targets: z.array(z.string()).optional(),
    accept_multiple: z.boolean().optional(),
    accept_lineitem: z.boolean().optional(),
    title: z.string().max(300).optional(),
    text: z.string().max(2000).optional(),
    data: z.string().max(4000).optional(),
  }),
});

export const launchClaimsSchema = z.discriminatedUnion(LTI_CLAIM.messageType, [resourceLinkLaunch, deepLinkingLaunch]);
export type LaunchClaims = z.infer<typeof launchClaimsSchema>;

/** Where a person stands in the LMS course, as Lesson Lab reads it. */
export type LtiClassRole = "INSTRUCTOR" | "STUDENT";

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";
const TEACHING = [`${MEMBERSHIP}#Instructor`, `${MEMBERSHIP}/Instructor#TeachingAssistant`, `${MEMBERSHIP}#ContentDeveloper`];
const LEARNING = [`${MEMBERSHIP}#Learner`, `${MEMBERSHIP}/Learner#Learner`];

/**
 * The course role from the launch's roles (LTI Core §A.2.3): Instructor and TeachingAssistant (and
 * ContentDeveloper) teach, Learner learns; the short forms LTI allows ("Instructor", "Learner")
 * count too. A launch with neither (an observer, a mentor, a guest) gets null and is refused.
 * Teaching wins when both are present.
 */
export function classRoleOf(roles: readonly string[]): LtiClassRole | null {
  const full = roles.map((r) => (r.includes("/") || r.includes("#") ? r : `${MEMBERSHIP}#${r}`));
  if (full.some((r) => TEACHING.includes(r))) return "INSTRUCTOR";
  if (full.some((r) => LEARNING.includes(r))) return "STUDENT";
  return null;
}
