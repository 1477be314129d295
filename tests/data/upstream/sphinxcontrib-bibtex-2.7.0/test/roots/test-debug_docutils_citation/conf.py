exclude_patterns = ["_build"]
