"""What the catalog knows of composite pages, and how pages follow the items
they show."""
