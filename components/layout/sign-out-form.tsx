"use client";

import { signOutAction } from "@/app/actions";
import { forgetReader } from "@/components/progress/reader-store";
import { buttonClasses } from "@/components/ui/button";

/** Sign out: the page stops showing the account's parts at once, before the server has answered. */
export function SignOutForm() {
  return (
    <form action={signOutAction} onSubmit={forgetReader}>
      <button type="submit" className={buttonClasses("secondary", "min-h-10 px-3")}>
        Sign out
      </button>
    </form>
  );
}
