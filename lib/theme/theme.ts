// The reader's theme: System (the default: follow the device), Light or Dark. Kept in the
// browser's localStorage, never in a cookie: the guest page cache (README, "How pages are served")
// serves one HTML to every guest, so the HTML stays theme-neutral and each browser applies its own
// choice. An explicit choice is data-theme="light" | "dark" on <html>; app/globals.css reads it.

export type ThemeChoice = "system" | "light" | "dark";

export const THEME_CHOICES: readonly { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "System" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export const THEME_STORAGE_KEY = "lesson-lab-theme";

export function parseThemeChoice(value: unknown): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/**
 * Runs in <head> before the first paint (with the response's CSP nonce), so a chosen theme never
 * flashes the other one. Kept tiny and self-contained: it cannot import anything.
 */
export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
