import { useEffect } from 'preact/hooks';
import { t } from '../../platform/i18n.ts';

/** Sets the tab title and, after a navigation, moves focus to the new view's heading (keyboard and screen readers). */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    if (title === null) return;
    document.title = `${title} · ${t('extensionName')}`;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading && document.activeElement?.tagName !== 'INPUT') heading.focus({ preventScroll: false });
  }, [title]);
}
