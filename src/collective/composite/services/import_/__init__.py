"""``@composite-import``: replace an arrangement with an exported one (the
package's name avoids the keyword ``import``)."""
