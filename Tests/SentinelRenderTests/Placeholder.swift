// Tests of SentinelRender are added with the module's features.
