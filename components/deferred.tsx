import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A part of the UI fetched when it is first shown rather than with the page: the visit summary
 * and the history are not needed while the panel first paints over a call, so it loads less.
 */
export function deferred<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Deferred(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | 'failed' | undefined>(() => loaded);
    useEffect(() => {
      if (Component) return;
      load().then(
        (component) => {
          loaded = component;
          setComponent(() => component);
        },
        (error: unknown) => {
          console.error('[rapport] a part of the page did not load', error);
          setComponent('failed');
        },
      );
    }, []);
    if (Component === 'failed') return <p role="alert" class="notice error">This part of Rapport did not load. Reload the page to try again.</p>;
    return Component ? <Component {...props} /> : <p class="quiet">Loading…</p>;
  };
}
