/**
 * Why the catalog's pages that no reader covers cannot be added, by their research-list label;
 * the options page shows it instead of an Add button. A label not here gets the generic line.
 */
export const WHY_UNSUPPORTED: Readonly<Record<string, string>> = {
  'custom (Miro)': "Miro's regional pages are its own app: no public API or feed found to read",
  'other (OnlineOrNot; later Datadog Status Page per aiwatch issue #1403)': 'an OnlineOrNot page, moving to Datadog: no public API or feed found to read',
  StatusCake: "a StatusCake page: its only public data needs a test id the page does not name, and it has no incidents",
}

export const WHY_UNKNOWN = 'no reader for this platform yet'
