"""Keeping the proofreading session safe: periodic autosave and restore after a crash."""
