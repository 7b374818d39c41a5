/**
 * The focus logic of every modal panel (ConfirmDialog, the referee console's ActionSheet), as
 * one Svelte action on a native <dialog>: `open` true shows it with showModal (focus moves in,
 * the rest of the page is inert, Escape closes it), optionally onto `initialFocus` (a
 * confirmation starts on "Cancel", so a stray tap or Enter never confirms); `open` false closes
 * it. Whichever way it closes — a button, Escape, the form it submits — `onclose` tells the
 * owner (so its `open` follows) and focus goes back to the control that opened it.
 *
 *     <dialog use:modal={{ open, onclose: () => (open = false), initialFocus: cancelButton }}>
 */
export interface ModalOptions {
	open: boolean;
	/** Called when the dialog closed by itself (Escape, a form with method="dialog"…). */
	onclose: () => void;
	/** Where focus starts (default: the browser's choice, the first focusable control). */
	initialFocus?: HTMLElement | null;
}

export function modal(dialog: HTMLDialogElement, options: ModalOptions): { update(options: ModalOptions): void; destroy(): void } {
	let current = options;
	let returnTo: HTMLElement | null = null;

	function restore(): void {
		const target = returnTo;
		returnTo = null;
		if (target?.isConnected) target.focus();
	}
	function sync(): void {
		if (current.open && !dialog.open) {
			returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
			dialog.showModal();
			current.initialFocus?.focus();
		} else if (!current.open && dialog.open) {
			// Closed by its owner (a button): give focus back now; the dialog's close event comes
			// later, when another dialog may already have opened.
			dialog.close();
			restore();
		}
	}
	/** Escape (the dialog's own cancel) and every other close end here. */
	function closed(): void {
		if (dialog.open) return; // reopened before this event arrived
		if (current.open) current.onclose();
		restore();
	}

	dialog.addEventListener('close', closed);
	sync();
	return {
		update(next) {
			current = next;
			sync();
		},
		destroy() {
			dialog.removeEventListener('close', closed);
			if (dialog.open) dialog.close();
			restore();
		}
	};
}
