import type { NextRequest } from "next/server";
import { handleLaunch } from "@/lib/lti/server/launch-flow";

// LTI 1.3 launch ("Redirect URL" on Course sites): the course site's form post of its signed
// id_token, checked in full before anyone is signed in (lib/lti/data/launch.ts).
export const dynamic = "force-dynamic";

export const POST = (request: NextRequest) => handleLaunch(request);
