import { CopyButton } from "@/components/lesson/copy-button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { isSecureOrigin, toolUrls, type ToolUrls } from "@/lib/lti/tool-urls";

// The four values an LMS administrator copies into the LMS, each with where it goes in Moodle
// ("Configure a tool manually") and in Canvas (an LTI developer key), from docs/lti-design.md §3.
// The labels are exact: the LMS guides and the end-to-end tests name them.

const VALUES: { key: keyof ToolUrls; label: string; moodle: string; canvas: string }[] = [
  { key: "loginUrl", label: "Login initiation URL", moodle: "“Initiate login URL”", canvas: "“OpenID Connect Initiation Url”" },
  { key: "redirectUrl", label: "Redirect URL", moodle: "“Redirection URI(s)”", canvas: "“Redirect URIs”" },
  {
    key: "jwksUrl",
    label: "JWKS URL",
    moodle: "“Public keyset” (with Public key type “Keyset URL”)",
    canvas: "“Public JWK URL” (with JWK Method “Public JWK URL”)",
  },
  {
    key: "deepLinkUrl",
    label: "Deep linking URL",
    moodle: "“Content Selection URL” (and tick “Supports Deep Linking”)",
    canvas: "the “Target Link URI” of a deep linking placement",
  },
];

/** "This tool's values": read-only fields with copy buttons, for the origin this page was opened on. */
export function ToolValues({ origin }: { origin: string }) {
  const urls = toolUrls(origin);
  return (
    <section aria-labelledby="tool-values" className="mt-10">
      <h2 id="tool-values" className="text-xl font-semibold">
        This tool&apos;s values
      </h2>
      <p className="mt-2 text-ink-muted">
        Give these to your LMS when you add Lesson Lab as an LTI 1.3 tool: in Moodle under Site administration, “Manage tools”, “Configure a
        tool manually” (its “Tool URL” is {origin}/); in Canvas as an LTI developer key. Under each is the name the LMS gives the field.
      </p>
      {isSecureOrigin(origin) ? null : (
        <Notice tone="warning" title="This page was opened over plain http" className="mt-4">
          LMSs expect a tool at an https:// address, and browsers block its sign-in inside a course page otherwise. Open this page at the
          site&apos;s https:// address and copy the values from there.
        </Notice>
      )}
      <ul className="mt-4 flex flex-col gap-4">
        {VALUES.map((value) => (
          <li key={value.key} className="flex flex-wrap items-end gap-3">
            <TextField
              id={`tool-${value.key}`}
              label={value.label}
              hint={`Moodle: ${value.moodle}. Canvas: ${value.canvas}.`}
              value={urls[value.key]}
              readOnly
              className="min-w-0 flex-1 basis-80"
              controlClassName="font-mono text-sm"
            />
            {/* centred on the 44 px field beside it (the button is 32 px) */}
            <div className="pb-1.5">
              <CopyButton text={urls[value.key]} label={`Copy ${value.label}`} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
