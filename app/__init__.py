"""Sales Compass (销售罗盘): the key-account team's desktop archive.

The version lives in pyproject.toml only; app.main.version() reads it."""
