"""The kiosk's screens, one small module each (GUI thread only)."""
