"""A theme package for the console script's tests: layouts, a widget type and
an override of a shipped layout for the theme's layer, all well paired."""
