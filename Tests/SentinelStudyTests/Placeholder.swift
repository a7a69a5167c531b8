// Tests of SentinelStudy are added with the module's features.
