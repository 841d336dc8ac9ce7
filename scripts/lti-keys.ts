import "./load-env";
import { db, ensureDbReady } from "@/lib/db";
import { activeSigningKey, pruneRetiredKeys, publishedJwks, rotateSigningKey, ROTATION_GRACE_MS } from "@/lib/lti/data/keys";

// npm run lti:keys -- show | rotate
//   show    the key that signs now and every key the JWKS publishes (made on first use)
//   rotate  a new signing key; the old one stays published for 7 days, then is dropped

async function main() {
  const command = process.argv[2] ?? "show";
  if (command !== "show" && command !== "rotate") {
    console.error("Usage: npm run lti:keys -- show | rotate");
    process.exit(2);
  }
  await ensureDbReady();
  if (command === "rotate") {
    const kid = await rotateSigningKey();
    console.log(`New signing key ${kid}. The one before stays in the JWKS for ${ROTATION_GRACE_MS / 86_400_000} days.`);
  }
  const pruned = await pruneRetiredKeys();
  const active = await activeSigningKey();
  const { keys } = await publishedJwks();
  console.log(`Signing with ${active.kid}.`);
  console.log(`Published (GET /api/lti/jwks): ${keys.map((k) => k.kid).join(", ")}`);
  if (pruned) console.log(`Dropped ${pruned} key(s) retired more than ${ROTATION_GRACE_MS / 86_400_000} days ago.`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
