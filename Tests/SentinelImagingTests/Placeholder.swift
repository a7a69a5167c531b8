// Tests of SentinelImaging are added with the module's features.
