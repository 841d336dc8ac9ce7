import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, { error: "Enter your email address." })
  .max(254, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter an email address like name@example.com." }))
  .transform((v) => v.toLowerCase());

/** A password someone chooses (sign-up, change, reset). Argon2id has no length cut-off, unlike bcrypt's 72 bytes. */
export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .min(1, { error: "Choose a password." })
  .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters.` })
  .max(200, { error: "Keep your password under 200 characters." });

export const nameSchema = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, { error: "Enter your name." })
  .max(100, { error: "Keep your name under 100 characters." });

export const changePasswordSchema = z.object({
  current: z.string({ error: "Enter your current password." }).min(1, { error: "Enter your current password." }).max(200),
  next: newPasswordSchema,
});

export const signUpSchema = z.object({
  name: nameSchema,
  email,
  password: newPasswordSchema,
});

export const emailSchema = email;

export const signInSchema = z.object({
  email,
  password: z
    .string({ error: "Enter your password." })
    .min(1, { error: "Enter your password." })
    .max(200, { error: "Keep your password under 200 characters." }),
});

/** Only same-site paths: an open redirect after sign-in would be a phishing tool. */
export const callbackPathSchema = z
  .string()
  .optional()
  .transform((v) => (v && /^\/(?!\/|\\)[^\s]*$/.test(v) && !v.startsWith("/api/") ? v : "/"));

export type SignUpInput = z.infer<typeof signUpSchema>;
export type SignInInput = z.infer<typeof signInSchema>;
