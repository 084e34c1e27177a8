import { useState, useEffect, useCallback, useRef } from './ui.js';

/**
 * Loads something from the API: {data, error, loading, reload}. The request is aborted when the screen goes
 * away or the inputs change, so a late answer never lands on the wrong screen.
 */
export function useResource(load, deps) {
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(deps) + '#' + tick;
  const [state, setState] = useState({ key: null, data: undefined, error: null });
  useEffect(() => {
    const controller = new AbortController();
    Promise.resolve()
      .then(() => load(controller.signal))
      .then((data) => { if (!controller.signal.aborted) setState({ key, data, error: null }); })
      .catch((error) => {
        if (!controller.signal.aborted && error.name !== 'AbortError') setState({ key, data: undefined, error });
      });
    return () => controller.abort();
  }, [key]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  // An answer for other inputs (the previous contact, the previous newsletter) is never shown for these.
  if (state.key !== key) return { data: undefined, error: null, loading: true, reload };
  return { data: state.data, error: state.error, loading: false, reload };
}

/** A form's values, kept across failed submissions: nothing typed is lost. */
export function useForm(initial) {
  const [values, setValues] = useState(initial);
  const set = useCallback((name) => (event) => {
    const target = event.currentTarget || event.target;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    setValues((v) => ({ ...v, [name]: value }));
  }, []);
  return [values, set, setValues];
}

/** The latest value of something in a ref, for callbacks that outlive a render. */
export function useLatest(value) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/** The document's title: "Contacts — 06 — e-terrain". */
export function useTitle(...parts) {
  useEffect(() => {
    document.title = [...parts.filter(Boolean), 'e-terrain'].join(' — ');
  }, parts);
}
