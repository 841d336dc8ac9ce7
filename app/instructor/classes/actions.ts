"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { classNameSchema } from "@/lib/classes/codes";
import { addInstructor, createClass, NoSuchInstructorError, renewInvite, revokeInvites } from "@/lib/classes/data/classes";
import { emailSchema } from "@/lib/auth/schemas";
import { defineAction, defineFormAction } from "@/lib/server/action";
import { idSchema } from "@/lib/validation";

export type CreateClassState = ActionResult<{ id: string; name: string }, "name"> | null;

/** A new class, taught by its creator, with a join code. Instructors only (INSTRUCTOR_EMAILS or the role CLI). */
export const createClassAction = defineFormAction(
  { scope: "classes", input: z.object({ name: classNameSchema }), role: "INSTRUCTOR", invalid: "Check the class name." },
  async ({ name }, { user }): Promise<NonNullable<CreateClassState>> => {
    const { id } = await createClass(user, name);
    revalidatePath("/instructor/classes");
    return ok({ id, name });
  },
);

/** A fresh join code for a class the caller teaches; the old code and links with it stop working. */
export const renewInviteAction = defineAction(
  { scope: "classes", input: idSchema, role: "INSTRUCTOR", invalid: "Unknown class." },
  async (classId, { user }) => {
    await renewInvite(user, classId);
    revalidatePath("/instructor/classes");
    return ok();
  },
);

/** Stops the class's join code: nobody joins until a new one is made. */
export const revokeInvitesAction = defineAction(
  { scope: "classes", input: idSchema, role: "INSTRUCTOR", invalid: "Unknown class." },
  async (classId, { user }) => {
    await revokeInvites(user, classId);
    revalidatePath("/instructor/classes");
    return ok();
  },
);

export type AddInstructorState = ActionResult<{ name: string }, "email"> | null;

/** Another instructor teaches the class too, from now on. Only an instructor of the class may add one. */
export const addInstructorAction = defineFormAction(
  { scope: "classes", input: z.object({ classId: idSchema, email: emailSchema }), role: "INSTRUCTOR", invalid: "Check the email address." },
  async ({ classId, email }, { user }): Promise<NonNullable<AddInstructorState>> => {
    try {
      const added = await addInstructor(user, classId, email);
      revalidatePath("/instructor/classes");
      return ok(added);
    } catch (error) {
      if (!(error instanceof NoSuchInstructorError)) throw error;
      return fail<"email">(error.code, "Check the email address.", { email: [error.message] });
    }
  },
);
