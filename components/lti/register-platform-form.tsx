"use client";

import { registerPlatformAction, type RegisterPlatformState } from "@/app/instructor/lms/actions";
import { TextareaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useKeptForm } from "@/hooks/use-kept-form";
import { LTI_ID_MAX, PLATFORM_NAME_MAX, type PlatformField } from "@/lib/lti/platform-input";

// Each field says what Moodle and Canvas call it, since the LMS's screen is what the instructor
// copies from. "Platform keyset URL" is the LMS's keys; "JWKS URL" above is this tool's own.
const ADDRESSES: { name: PlatformField; label: string; hint: string }[] = [
  {
    name: "authUrl",
    label: "Authentication request URL",
    hint: "Moodle: “Authentication request URL” (ends in /mod/lti/auth.php). Canvas: the address ending in /api/lti/authorize_redirect.",
  },
  {
    name: "tokenUrl",
    label: "Access token URL",
    hint: "Moodle: “Access token URL” (ends in /mod/lti/token.php). Canvas: the address ending in /login/oauth2/token.",
  },
  {
    name: "jwksUrl",
    label: "Platform keyset URL",
    hint: "The LMS's public keys. Moodle: “Public keyset URL” (ends in /mod/lti/certs.php). Hosted Canvas: https://sso.canvaslms.com/api/lti/security/jwks.",
  },
];

/** "Register a platform": what the LMS showed once Lesson Lab was added to it. */
export function RegisterPlatformForm() {
  const { state, formAction, onSubmit, isPending, formRef } = useKeptForm<RegisterPlatformState>(registerPlatformAction, null, {
    resetOnSuccess: true,
  });
  const failure = state?.ok === false ? state : null;
  const errorOf = (field: PlatformField) => failure?.fieldErrors?.[field];
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-5">
      <TextField
        name="name"
        label="Platform name"
        hint="Your name for it in the list below, such as “School Moodle”."
        autoComplete="off"
        maxLength={PLATFORM_NAME_MAX}
        error={errorOf("name")}
        required
      />
      <TextField
        name="issuer"
        label="Issuer"
        hint="Moodle: “Platform ID” (the site's address). Hosted Canvas: https://canvas.instructure.com. Copy it exactly."
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        error={errorOf("issuer")}
        required
      />
      <TextField
        name="clientId"
        label="Client ID"
        hint="Moodle: “Client ID”, shown once the tool is saved. Canvas: the developer key's ID (a long number)."
        autoComplete="off"
        spellCheck={false}
        maxLength={LTI_ID_MAX}
        error={errorOf("clientId")}
        required
      />
      <TextareaField
        name="deploymentIds"
        label="Deployment IDs"
        hint="Moodle: “Deployment ID”. Canvas: the deployment ID of the app where it is installed. One a line, or separated by commas."
        rows={2}
        spellCheck={false}
        error={errorOf("deploymentIds")}
        required
      />
      {ADDRESSES.map((field) => (
        <TextField
          key={field.name}
          name={field.name}
          label={field.label}
          hint={field.hint}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          error={errorOf(field.name)}
          required
        />
      ))}
      <TextareaField
        name="frameOrigins"
        label="Other addresses that show Lesson Lab"
        hint="Optional. The course site's pages may show Lesson Lab inside them from the issuer's and the authentication URL's addresses; add any other here. Hosted Canvas: your school's address, such as https://school.instructure.com. One a line."
        rows={2}
        spellCheck={false}
        error={errorOf("frameOrigins")}
      />
      <SubmitButton pending={isPending} pendingText="Registering…" className="self-start">
        Register platform
      </SubmitButton>
      <div aria-live="polite" role="status">
        {failure && !failure.fieldErrors ? <Notice tone="danger">{failure.message}</Notice> : null}
        {state?.ok ? (
          <Notice tone="success" title={`Registered “${state.value.name}”`}>
            It is in the list below. Launches from it are checked against the issuer, client ID and deployment IDs you gave.
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
