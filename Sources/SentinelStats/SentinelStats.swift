// SentinelStats: see Package.swift for this module's place in the flow.
