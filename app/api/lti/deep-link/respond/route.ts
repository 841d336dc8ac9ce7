import type { NextRequest } from "next/server";
import { handleDeepLinkResponse } from "@/lib/lti/server/deep-link-respond";

// The deep linking picker's "Add to course": signs the chosen activities for the course site and
// hands the browser a page that posts them there (lib/lti/server/deep-link-respond.ts).
export const dynamic = "force-dynamic";

export const POST = (request: NextRequest) => handleDeepLinkResponse(request);
