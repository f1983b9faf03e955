"""The kiosk\x27s screens, one small module each (GUI thread only)."""
