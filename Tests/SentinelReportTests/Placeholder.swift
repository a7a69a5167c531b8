// Tests of SentinelReport are added with the module's features.
