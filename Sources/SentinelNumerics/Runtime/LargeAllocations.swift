#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings: the study commands (`run`, `demo`) hand large buffers back
/// to the system, the image commands keep them for reuse.
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

    /// Returns the free pages of every malloc arena to the system (`malloc_trim(0)`).
    ///
    /// Small blocks (below the mapping threshold: table cells, per-feature columns, strings)
    /// come from the heap; once freed, their pages stay resident until the heap is trimmed,
    /// and a trim at the heap's top alone rarely finds them free. Called between stages after
    /// a stage's many small blocks are released, so the next stage's peak does not sit on
    /// top of them. Without glibc this does nothing.
    public static func returnFreedPages() {
        #if canImport(Glibc)
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(handle) }
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(handle, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }

    /// Keeps freed blocks up to 512 MiB in the heap for reuse instead of unmapping them.
    ///
    /// `extract --deep` allocates and frees the same large activation, crop and GEMM buffers
    /// for every batch; served by fresh mappings, each reuse costs page faults and kernel page
    /// clearing (about half of the process's system time). Peak memory is unchanged: the
    /// blocks are reused, not accumulated. Thresholds the user set with
    /// `MALLOC_MMAP_THRESHOLD_` / `MALLOC_TRIM_THRESHOLD_` are left alone; without glibc this
    /// does nothing.
    public static func keepForReuse() {
        #if canImport(Glibc)
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(handle) }
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(handle, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        // M_MMAP_THRESHOLD is -3 and M_TRIM_THRESHOLD -1 in glibc's ABI.
        if getenv("MALLOC_MMAP_THRESHOLD_") == nil { _ = mallopt(-3, 512 * 1024 * 1024) }
        if getenv("MALLOC_TRIM_THRESHOLD_") == nil { _ = mallopt(-1, Int32.max) }
        #endif
    }
}
