/** A restore (or backup) that cannot be done; the message is one line a person can act on. */
export class RestoreRefused extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RestoreRefused';
	}
}
