"""The layouts the package ships, as the tests expect them to be offered."""

# Layout name -> its slots' names; both in the order they are offered in.
SHIPPED = {
    "one-column": ["main"],
    "two-columns": ["main", "sidebar"],
    "three-columns": ["left", "main", "right"],
    "landing": ["hero", "feature-1", "feature-2", "feature-3", "main", "footer"],
}
