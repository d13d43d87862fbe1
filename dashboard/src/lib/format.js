// @ts-check
// How numbers, times and durations read on every page: one place, so the same figure never reads two ways.

const integer = new Intl.NumberFormat('en');

/** @param {number | null | undefined} value */
export function count(value) {
  return value === null || value === undefined ? '–' : integer.format(value);
}

/** @param {number | null | undefined} ms */
export function millis(ms) {
  if (ms === null || ms === undefined) {
    return '–';
  }
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** @param {number | null | undefined} seconds */
export function age(seconds) {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  if (seconds < 60) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min`;
  }
  if (seconds < 86400) {
    return `${(seconds / 3600).toFixed(1)} h`;
  }
  return `${(seconds / 86400).toFixed(1)} d`;
}

/**
 * A timestamp in the viewer's time zone, to the second, with the ISO form in the element's title.
 * @param {string | null | undefined} iso
 */
export function when(iso) {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}
