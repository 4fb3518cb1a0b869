The pages showing an item follow it in search: a new catalog index,
`composite_references`, holds the UIDs of the items each page's widgets show, and
editing, moving, deleting or transitioning an item refreshes, at commit, the
SearchableText of the pages showing it. Upgrade step 1001 adds the index and
indexes existing pages; uninstalling removes it.
