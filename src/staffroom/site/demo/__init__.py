"""Demo content for ``staffroom demo``: a small content bank of real lesson topics in four
languages (data files under ``data/``, read by ``content.load``), generators that turn it into
documents, and the flow that feeds them through the project's own services (draft, submit,
moderate) so the demo looks like a site in use."""
