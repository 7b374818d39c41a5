import { describe, expect, it } from 'vitest';
import { athleteMayWithdraw, coordinatorMay } from './coordinator';

const state = (categoryStatus: string, registrationOpen = true) => ({ categoryStatus, registrationOpen, categoryCode: 'TT-M' });

describe('coordinatorMay', () => {
	it('allows approving, returning and withdrawing while registration and the category are open', () => {
		for (const write of ['approve', 'return', 'withdraw'] as const) expect(coordinatorMay(write, state('open'))).toBeNull();
	});

	it('refuses every write once registration has closed, and names the category', () => {
		for (const write of ['approve', 'return', 'withdraw'] as const) {
			expect(coordinatorMay(write, state('open', false))).toEqual({ code: 'coordinator.registration_closed', params: { category: 'TT-M' } });
		}
	});

	it('refuses a write in a category the organizer closed even while the window is open', () => {
		expect(coordinatorMay('approve', state('closed'))?.code).toBe('coordinator.registration_closed');
	});

	it('refuses every write in a drawn, published or finished category, pointing to the draw', () => {
		for (const status of ['drawn', 'published', 'finished']) {
			expect(coordinatorMay('withdraw', state(status))?.code).toBe('coordinator.category_drawn');
			expect(coordinatorMay('withdraw', state(status, false))?.code).toBe('coordinator.category_drawn');
		}
	});
});

describe('athleteMayWithdraw', () => {
	it('lets an athlete withdraw online only while the category is open, and says to ask the organizers after', () => {
		expect(athleteMayWithdraw({ categoryStatus: 'open', categoryCode: 'XQ-W' })).toBeNull();
		for (const categoryStatus of ['closed', 'drawn', 'published', 'finished']) {
			expect(athleteMayWithdraw({ categoryStatus, categoryCode: 'XQ-W' })).toEqual({ code: 'athlete.withdraw_closed', params: { category: 'XQ-W' } });
		}
	});
});
