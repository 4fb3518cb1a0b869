The pages showing an item follow it: a new catalog index, `composite_references`,
holds the UIDs of the items each page's widgets show, and editing, moving,
deleting or transitioning an item notifies, at commit, an `IShownItemModifiedEvent`
for each page showing it, on which the add-on refreshes the page's
`SearchableText` and purges it from a caching proxy. Upgrade step 1001 adds the
index and indexes existing pages; uninstalling removes it.
