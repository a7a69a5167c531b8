private import CCSVKernels
import Foundation
import SentinelNumerics

/// The CSV reader's separator scan in C (`CCSVKernels`) at the widest instruction set this CPU
/// runs: AVX2 (a 64-byte block in two registers: about 1.1 instructions per byte of a file of
/// 17-digit numbers, writing the offsets included), or portable C (eight bytes per 64-bit word)
/// elsewhere. Swift's SIMD types compile to SSE2 on the baseline x86-64 target. Every level
/// writes the same positions and flags; the tests compare them with each other and with a
/// byte-by-byte reference. `SENTINEL_CSV_KERNELS=portable` caps the level
/// for a whole process; `withLevel(_:_:)` does so for a block (tests).
enum CSVKernels: KernelFamily {
    static let setting = KernelLevelSetting(requiringFMA: false, capVariable: "SENTINEL_CSV_KERNELS")

    /// What one call of `separators` found.
    struct Scan {
        /// Positions written.
        var count: Int
        /// Where the scan stopped: `to` when done, else the next block to scan (or, after a
        /// quote, the end of the quote's block).
        var next: Int
        /// Whether a scanned byte is 0x80 or above.
        var nonASCII: Bool
        /// Whether a scanned byte is `"` (the positions of its block are unspecified).
        var quote: Bool
    }

    /// Writes the offset of every `,`, LF and CR in `base[from ..< to]` to `positions` in
    /// increasing order, in 64-byte blocks, stopping before a block when fewer than 64 of
    /// `capacity` entries are left and after a block holding a `"` (`ccsv_separators`).
    /// - Precondition: `capacity >= 64`; offsets below 2^32.
    static func separators(_ base: UnsafePointer<UInt8>, from: Int, to: Int, into positions: UnsafeMutablePointer<UInt32>,
                           capacity: Int, level: Level) -> Scan {
        precondition(capacity >= 64 && to <= Int(UInt32.max), "room for a block; 32-bit offsets")
        var next = from
        var flags: UInt32 = 0
        let count = ccsv_separators(base, from, to, positions, capacity, &next, &flags, level.rawValue)
        return Scan(count: count, next: next, nonASCII: flags & UInt32(CCSV_NON_ASCII) != 0,
                    quote: flags & UInt32(CCSV_QUOTE) != 0)
    }
}
