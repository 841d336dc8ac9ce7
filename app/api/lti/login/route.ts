import type { NextRequest } from "next/server";
import { handleLogin } from "@/lib/lti/server/launch-flow";

// LTI 1.3 login initiation ("Login initiation URL" on Course sites): course sites send it as a GET
// or a form POST. Nobody is signed in yet; the launch route does that.
export const dynamic = "force-dynamic";

export const GET = (request: NextRequest) => handleLogin(request);
export const POST = (request: NextRequest) => handleLogin(request);
