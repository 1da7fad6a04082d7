"""有事来协商 (阿坝州政协, 泸州市政协): three-level platform coverage and campaign periods."""
