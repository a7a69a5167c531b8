import CLapack
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin Swift wrappers over the system BLAS and LAPACK (Fortran ABI).
///
/// Matrices are passed as flat arrays in **row-major** order, as the rest of Sentinel
/// stores them; the wrappers translate to LAPACK's column-major convention. This is the
/// only module that imports `CLapack`.
public enum LinearAlgebra {
    /// C = A · B (single precision), A is m×k, B is k×n, all row-major.
    /// Accumulates into `c` scaled by `beta` (0 overwrites).
    public static func sgemm(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, transposeA: Bool = false,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool = false,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        // Row-major C = A B is column-major Cᵀ = Bᵀ Aᵀ: swap the operands.
        var tb: CChar = transposeB ? 0x54 : 0x4E  // "T" / "N"
        var ta: CChar = transposeA ? 0x54 : 0x4E
        var m32 = Int32(n), n32 = Int32(m), k32 = Int32(k)
        var al = alpha, be = beta
        var ldb32 = Int32(ldb), lda32 = Int32(lda), ldc32 = Int32(ldc)
        sgemm_(&tb, &ta, &m32, &n32, &k32, &al, b, &ldb32, a, &lda32, &be, c, &ldc32)
    }

    /// C = A · B (double precision), row-major, as `sgemm`.
    public static func dgemm(
        m: Int, n: Int, k: Int,
        a: [Double], transposeA: Bool = false,
        b: [Double], transposeB: Bool = false
    ) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        var tb: CChar = transposeB ? 0x54 : 0x4E
        var ta: CChar = transposeA ? 0x54 : 0x4E
        var m32 = Int32(n), n32 = Int32(m), k32 = Int32(k)
        var al = 1.0, be = 0.0
        var ldb32 = Int32(transposeB ? k : n), lda32 = Int32(transposeA ? m : k), ldc32 = Int32(n)
        dgemm_(&tb, &ta, &m32, &n32, &k32, &al, b, &ldb32, a, &lda32, &be, &c, &ldc32)
        return c
    }

    /// Solves A X = B for a square n×n `a` (row-major) and n×nrhs `b` (row-major) by LU
    /// with partial pivoting (LAPACK `dgesv`). Returns nil when A is exactly singular.
    public static func solve(_ a: [Double], n: Int, _ b: [Double], nrhs: Int = 1) -> [Double]? {
        precondition(a.count == n * n && b.count == n * nrhs)
        var colA = transpose(a, rows: n, cols: n)
        var colB = transpose(b, rows: n, cols: nrhs)
        var n32 = Int32(n), nrhs32 = Int32(nrhs), lda = Int32(max(1, n)), ldb = Int32(max(1, n))
        var ipiv = [Int32](repeating: 0, count: n)
        var info: Int32 = 0
        dgesv_(&n32, &nrhs32, &colA, &lda, &ipiv, &colB, &ldb, &info)
        guard info == 0 else { return nil }
        return transpose(colB, rows: nrhs, cols: n)
    }

    /// Inverse of a square n×n matrix (row-major); nil when singular.
    public static func inverse(_ a: [Double], n: Int) -> [Double]? {
        var identity = [Double](repeating: 0, count: n * n)
        for i in 0..<n { identity[i * n + i] = 1 }
        return solve(a, n: n, identity, nrhs: n)
    }

    /// Eigenvalues (ascending) and eigenvectors (rows of the result) of a symmetric n×n matrix.
    public static func symmetricEigen(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double])? {
        var col = a  // symmetric: row- and column-major agree
        var w = [Double](repeating: 0, count: n)
        var jobz: CChar = 0x56, uplo: CChar = 0x55  // "V", "U"
        var n32 = Int32(n), lda = Int32(max(1, n)), info: Int32 = 0
        var lwork: Int32 = -1
        var query = 0.0
        dsyev_(&jobz, &uplo, &n32, &col, &lda, &w, &query, &lwork, &info)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: Int(lwork))
        dsyev_(&jobz, &uplo, &n32, &col, &lda, &w, &work, &lwork, &info)
        guard info == 0 else { return nil }
        return (w, col)  // column j of the column-major result = row j here
    }

    /// Asks a threaded OpenBLAS to use `count` threads from now on; does nothing
    /// with a BLAS that has no such control (the reference BLAS is single-threaded anyway).
    /// With `count` 1 its idle worker threads are also joined (`releaseBLASWorkerThreads`).
    ///
    /// The study pipeline calls it with 1: its BLAS calls are small (Newton systems of a few
    /// dozen unknowns, one correlation product) and already run inside concurrent fits, where
    /// BLAS worker threads only spin and steal the cores the fits need. Thread count does not
    /// change the results of the calls Sentinel makes.
    ///
    /// The join matters: OpenBLAS 0.3's `openblas_set_num_threads` first restarts its thread
    /// pool when the pool was shut down, whatever the count, and a restarted worker busy-waits
    /// as at load (below). Setting 1 thread without the join cost the demo ~80 ms of a core.
    public static func setThreadCount(_ count: Int) {
        typealias SetThreads = @convention(c) (Int32) -> Void
        #if canImport(Glibc) || canImport(Darwin)
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(handle) }
        for name in ["openblas_set_num_threads", "goto_set_num_threads"] {
            if let symbol = dlsym(handle, name) {
                unsafeBitCast(symbol, to: SetThreads.self)(Int32(max(1, count)))
                if count <= 1 { shutDownWorkers(handle) }
                return
            }
        }
        #endif
    }

    /// Switches a threaded OpenBLAS to one thread and joins its idle worker threads; does
    /// nothing with any other BLAS. Call once, at process start, before any BLAS work.
    ///
    /// OpenBLAS starts its workers when it is loaded, and each one busy-waits
    /// (`sched_yield` in a loop) for about 2^28 CPU cycles before sleeping: about 0.1 s of
    /// a core, measured with `perf`, taken from the concurrent work Sentinel does itself at
    /// start-up. Sentinel never wants OpenBLAS's threads: the study's BLAS calls are small,
    /// and the deep-feature code splits its SGEMM calls over the cores itself. A later
    /// `setThreadCount(n)` with n > 1 makes OpenBLAS start its workers again when needed.
    /// Also makes OpenBLAS use the kernels the CPU supports first (`OpenBLASKernels`), so the
    /// study's DGEMMs do not run on its SSE3 fallback.
    public static func releaseBLASWorkerThreads() {
        #if canImport(Glibc)
        OpenBLASKernels.ensureSelected()
        #endif
        setThreadCount(1)
    }

    /// Joins OpenBLAS's worker threads (`blas_thread_shutdown_`), if the library has them.
    private static func shutDownWorkers(_ handle: UnsafeMutableRawPointer) {
        typealias Shutdown = @convention(c) () -> Int32
        #if canImport(Glibc)
        guard let symbol = dlsym(handle, "blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
        #endif
    }

    /// Row-major transpose of a rows×cols matrix.
    public static func transpose(_ a: [Double], rows: Int, cols: Int) -> [Double] {
        var t = [Double](repeating: 0, count: a.count)
        for i in 0..<rows {
            for j in 0..<cols { t[j * rows + i] = a[i * cols + j] }
        }
        return t
    }
}
