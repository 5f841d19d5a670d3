"""Pure helpers: no Django imports anywhere below this package."""
