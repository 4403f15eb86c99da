"""pyqtgraph views: they draw numbers the engine computed and write user actions back to the state."""
