// Tests of SentinelCLI are added with the module's features.
