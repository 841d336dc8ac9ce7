import "./load-env";
import { roleSchema } from "@/lib/auth/roles";
import { setUserRole } from "@/lib/auth/users";
import { db } from "@/lib/db";

// npm run user:role -- <email> INSTRUCTOR|STUDENT

async function main() {
  const [email, roleArg] = process.argv.slice(2);
  const role = roleSchema.safeParse(roleArg?.toUpperCase());
  if (!email || !role.success) {
    console.error("Usage: npm run user:role -- <email> INSTRUCTOR|STUDENT");
    process.exit(2);
  }
  const user = await setUserRole(email, role.data);
  if (!user) {
    console.error(`No account with the email ${email}. They need to sign up first.`);
    process.exit(1);
  }
  console.log(`${user.email} is now ${user.role}. It takes effect on their next request.`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
