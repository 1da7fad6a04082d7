"""三位一体 (嘉峪关市政协): a workstation, its council and its rooms as one platform."""
