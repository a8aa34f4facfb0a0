"""The charter (« Charte »): the platform's rules of neutrality and moderation, per language and
versioned. Each edit is a new version, never changed; the current one is the latest; the history
is public and the moderation log cites its articles."""
