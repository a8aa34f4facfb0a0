"""What tests of several apps share and that is not a test itself (a local replay server)."""
