/**
 * A wide table's scrolling wrapper must be reachable by keyboard (WCAG 2.1.1; axe
 * `scrollable-region-focusable`), but only while it actually scrolls: then it becomes a focusable
 * region named after the table's caption; when everything fits it stays out of the tab order.
 * Used as `use:scrollRegion` on every `.table-scroll` wrapper.
 */
export function scrollRegion(node: HTMLElement): { destroy(): void } {
	const update = () => {
		const scrolls = node.scrollWidth > node.clientWidth + 1;
		if (scrolls) {
			node.tabIndex = 0;
			node.setAttribute('role', 'region');
			const caption = node.querySelector('caption')?.textContent?.trim();
			if (caption) node.setAttribute('aria-label', caption);
		} else {
			node.removeAttribute('tabindex');
			node.removeAttribute('role');
			node.removeAttribute('aria-label');
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(node);
	const table = node.querySelector('table');
	if (table) observer.observe(table);
	update();
	return { destroy: () => observer.disconnect() };
}
