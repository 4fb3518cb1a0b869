"""Design mode: the editor's page, its cards, settings forms, preview, image
uploads, messages and the guards on what an editor may change."""
