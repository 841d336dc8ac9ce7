import { AppError } from "@/lib/app-error";

/** Not signed in (401) or signed in without the role (403). */
export class AuthorizationError extends AppError {
  constructor(status: 401 | 403, message: string) {
    super(status === 401 ? "UNAUTHENTICATED" : "FORBIDDEN", message, { status });
  }
}
