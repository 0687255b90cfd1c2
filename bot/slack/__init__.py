"""The Slack adapter: Bolt listeners that store requests, workers that act on
them, Block Kit rendering, App Home, and the HTTP / Socket Mode servers."""
