/**
 * A small form inside the library page (a paper's venue, a paper added by hand): Enter submits,
 * Escape closes it and goes no further, so the details it sits in stay open (useListKeys closes
 * them on Escape).
 */
export function inlineForm(submit: () => void, close: () => void) {
  return {
    onSubmit(e: Event) {
      e.preventDefault();
      submit();
    },
    onKeyDown(e: KeyboardEvent) {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close();
    },
  };
}
