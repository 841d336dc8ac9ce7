"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useId, useSyncExternalStore } from "react";
import { parseThemeChoice, THEME_CHOICES, THEME_STORAGE_KEY, type ThemeChoice } from "@/lib/theme/theme";

const CHANGED = "lesson-lab-theme-change";

function readChoice(): ThemeChoice {
  try {
    return parseThemeChoice(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return "system"; // storage blocked: the device decides
  }
}

function applyChoice(choice: ThemeChoice) {
  if (choice === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

function subscribe(onChange: () => void) {
  // Another tab changed it: follow, so every open page agrees.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
    applyChoice(readChoice());
    onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGED, onChange);
  };
}

function choose(choice: ThemeChoice) {
  try {
    if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not kept (storage blocked), but this page still changes.
  }
  applyChoice(choice);
  window.dispatchEvent(new Event(CHANGED));
}

const ICONS = { system: Monitor, light: Sun, dark: Moon } as const;

/**
 * "Theme" in the header: System (follow the device), Light or Dark. A native select, so the keyboard
 * and screen readers get the control they know. The server always renders System (it cannot see the
 * browser's storage); the choice shows once the page hydrates, and the page's colours are already
 * right before that (THEME_BOOT_SCRIPT).
 */
export function ThemeSelect() {
  const id = useId();
  const choice = useSyncExternalStore(subscribe, readChoice, () => "system" as const);
  const Icon = ICONS[choice];
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="font-medium text-ink sm:sr-only">
        Theme
      </label>
      <div className="relative">
        <Icon aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-ink-muted" />
        <select
          id={id}
          value={choice}
          onChange={(event) => choose(parseThemeChoice(event.target.value))}
          className="min-h-10 rounded-lg border border-line-strong bg-surface py-1 pr-2 pl-8 text-sm text-ink"
        >
          {THEME_CHOICES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
