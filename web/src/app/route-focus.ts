import { type RefObject, useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * After client-side navigation, move focus to the new page's h1 (as a full page load would put the
 * reader at the top) and announce its title. Not on first load, so the skip link stays the first
 * tab stop, and not while a header control (the organisation switcher) has focus.
 */
export function useRouteFocus(announcerRef: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  // The path focus was last handled for; comparing paths (not counting runs) keeps StrictMode's
  // double effects in development from moving focus on first load.
  const handledPath = useRef(pathname);
  useEffect(() => {
    if (handledPath.current === pathname) return;
    handledPath.current = pathname;
    const active = document.activeElement;
    const keepFocus = active instanceof Element && active.closest('[data-keep-focus]') !== null;
    // The page may still be loading its h1: wait a frame, and a little longer if needed.
    let tries = 0;
    let timer = 0;
    const focusTitle = () => {
      const title = document.querySelector<HTMLElement>('[data-page-title]');
      if (!title && tries++ < 20) {
        timer = window.setTimeout(focusTitle, 50);
        return;
      }
      const announcer = announcerRef.current;
      if (announcer) announcer.textContent = document.title;
      if (!keepFocus) (title ?? document.getElementById('main'))?.focus({ preventScroll: false });
    };
    timer = window.setTimeout(focusTitle, 0);
    return () => window.clearTimeout(timer);
  }, [pathname, announcerRef]);
}
