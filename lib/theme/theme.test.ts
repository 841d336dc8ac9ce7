import { describe, expect, it } from "vitest";
import { parseThemeChoice, THEME_BOOT_SCRIPT, THEME_STORAGE_KEY } from "@/lib/theme/theme";

/** Runs the boot script against a stand-in document and storage; returns <html>'s data-theme. */
function boot(stored: string | null, { storageThrows = false } = {}): string | undefined {
  const dataset: Record<string, string> = {};
  const localStorage = {
    getItem(key: string) {
      if (storageThrows) throw new Error("SecurityError");
      return key === THEME_STORAGE_KEY ? stored : null;
    },
  };
  new Function("localStorage", "document", THEME_BOOT_SCRIPT)(localStorage, { documentElement: { dataset } });
  return dataset.theme;
}

describe("the theme", () => {
  it("reads a stored choice, and anything else as System", () => {
    expect(parseThemeChoice("dark")).toBe("dark");
    expect(parseThemeChoice("light")).toBe("light");
    for (const other of ["system", "Dark", "", null, undefined, 1]) expect(parseThemeChoice(other)).toBe("system");
  });

  it("boot script: an explicit choice goes on <html> before the first paint; System, junk or no storage leave it to the device", () => {
    expect(boot("dark")).toBe("dark");
    expect(boot("light")).toBe("light");
    expect(boot(null)).toBeUndefined();
    expect(boot("<script>")).toBeUndefined();
    expect(boot("dark", { storageThrows: true })).toBeUndefined();
  });
});
