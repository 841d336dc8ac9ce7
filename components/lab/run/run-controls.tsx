import { Button } from "@/components/ui/button";

// The run's controls: Cancel for a running run, Retry for a cell that ended without an answer.
// aria-disabled rather than disabled while a call is on its way: the button keeps focus, so a
// refusal is read from it.

export function CancelRunButton({ isBusy, hasError, onCancel }: { isBusy: boolean; hasError: boolean; onCancel: () => void }) {
  return (
    <Button
      variant="secondary"
      className="aria-disabled:cursor-progress aria-disabled:opacity-75"
      aria-disabled={isBusy || undefined}
      aria-describedby={hasError ? "cancel-error" : undefined}
      onClick={onCancel}
    >
      Cancel run
    </Button>
  );
}

/** A refused cancel, announced under the heading. */
export function CancelError({ text }: { text: string | null }) {
  return (
    <div aria-live="polite">
      {text ? (
        <p id="cancel-error" className="mt-2 text-right text-sm font-semibold text-danger">
          {text}
        </p>
      ) : null}
    </div>
  );
}

export function RetryCell({
  cellId,
  isBusy,
  error,
  onRetry,
}: {
  cellId: string;
  isBusy: boolean;
  error?: string;
  onRetry: (id: string) => void;
}) {
  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="secondary"
        className="self-start aria-disabled:cursor-progress aria-disabled:opacity-75"
        aria-disabled={isBusy || undefined}
        aria-describedby={error ? `retry-error-${cellId}` : undefined}
        onClick={() => onRetry(cellId)}
      >
        Retry this cell
      </Button>
      <div aria-live="polite">
        {error ? (
          <p id={`retry-error-${cellId}`} className="text-sm font-semibold text-danger">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
