/**
 * A scrolling box must be reachable by keyboard (WCAG 2.1.1; axe `scrollable-region-focusable`),
 * but only while it actually scrolls: then it becomes a focusable region named after its table's
 * caption (or the given label); when everything fits it stays out of the tab order.
 * Used as `use:scrollRegion` on every `.table-scroll` wrapper, and with a label on a screen-high
 * pane such as the referee console's, which scrolls down when a page is taller than the tablet.
 */
export function scrollRegion(node: HTMLElement, label?: string): { update(label?: string): void; destroy(): void } {
	const update = () => {
		const scrolls = node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1;
		if (scrolls) {
			node.tabIndex = 0;
			node.setAttribute('role', 'region');
			const name = label ?? node.querySelector('caption')?.textContent?.trim();
			if (name) node.setAttribute('aria-label', name);
		} else {
			node.removeAttribute('tabindex');
			node.removeAttribute('role');
			node.removeAttribute('aria-label');
		}
	};
	// The box keeps its size while what it holds grows: watch the box and each of its children.
	const observer = new ResizeObserver(update);
	const watch = () => {
		observer.disconnect();
		observer.observe(node);
		for (const child of node.children) observer.observe(child);
	};
	const mutations = new MutationObserver(() => {
		watch();
		update();
	});
	mutations.observe(node, { childList: true });
	watch();
	update();
	return {
		update(next?: string) {
			label = next;
			update();
		},
		destroy: () => {
			observer.disconnect();
			mutations.disconnect();
		}
	};
}
