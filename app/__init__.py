"""Sales Compass (销售罗盘): the key-account team's desktop archive."""

__version__ = "0.1.0"
