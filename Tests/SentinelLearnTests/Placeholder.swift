// Tests of SentinelLearn are added with the module's features.
