#if canImport(Glibc)
import Glibc
#endif

/// A process-wide allocator setting for the study commands (`run`, `demo`).
public enum LargeAllocations {
    /// Has glibc serve every allocation of 128 KiB or more with its own mapping, returned to the
    /// system as soon as it is freed.
    ///
    /// glibc starts with that threshold but raises it after the first large block is freed (up
    /// to 32 MiB); from then on the study's big, short-lived buffers (file text, parsed tables,
    /// encoded matrices, figure bitmaps) come from the heap and stay resident after use, so
    /// the peak memory is closer to their sum than to the largest set alive at one time
    /// (`sentinel demo`: 162 MB → 108 MB peak RSS, no slower). A threshold the user set with
    /// `MALLOC_MMAP_THRESHOLD_` is left alone; without glibc this does nothing.
    public static func returnToSystemWhenFreed() {
        #if canImport(Glibc)
        guard getenv("MALLOC_MMAP_THRESHOLD_") == nil, let handle = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(handle) }
        // mallopt(M_MMAP_THRESHOLD, ...) from <malloc.h>, which the Glibc module does not
        // import; M_MMAP_THRESHOLD is -3 in glibc's ABI.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(handle, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(-3, 128 * 1024)
        #endif
    }
}
