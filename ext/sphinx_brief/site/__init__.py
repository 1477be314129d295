"""What a published brief needs around its components: metadata, layout, outputs."""
