import "./load-env";
import { checkAllContent } from "./content-check";

// Run before every build: a broken content file stops the build with a message naming the file
// and the field.
checkAllContent()
  .then((summary) => console.log(`Content OK: ${summary}`))
  .catch((error: unknown) => {
    console.error(`\nContent error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
