/// One stretch of a CSV file, split into records and cells as a file without quotes is:
/// commas separate fields; LF, CRLF or a lone CR end records. Every cell is also read as a
/// number (`CSVTable.cellNumber`) while its bytes are at hand.
///
/// The bytes are searched eight at a time (a 64-bit word: one exact zero-byte test per
/// separator, then the separators' positions from the bit mask); the scan also notes whether
/// any byte is outside ASCII and stops at the first `"` (such a file is parsed as quoted).
/// A stretch starts at the file's start or right after an LF and ends at the file's end or
/// right after an LF, so stretches scanned apart give the records of one pass over the file.
struct UnquotedScan: Sendable {
    /// Offset (in the whole file) of each cell's first byte, in file order.
    var starts: [UInt32] = []
    /// Each cell's number, parallel to `starts` (see `CSVTable.cellNumber`).
    var numbers: [Double] = []
    /// Index in `starts` of each record's first cell; a record's cells run to the next one's.
    var recordFirst: [Int] = []
    /// Offset one past each record's last byte (before its line end).
    var recordEnd: [UInt32] = []
    /// Whether every byte is ASCII.
    var isASCII = true
    /// Whether a `"` was found (then the scan stopped there).
    var hasQuote = false

    /// Number of records.
    var recordCount: Int { recordFirst.count }

    /// The cells of record `r`: indices into `starts` and `numbers`.
    func cells(ofRecord r: Int) -> Range<Int> {
        recordFirst[r] ..< (r + 1 < recordFirst.count ? recordFirst[r + 1] : starts.count)
    }

    /// Scans `base[from ..< to]` (offsets are those of `base`).
    init(_ base: UnsafePointer<UInt8>, from: Int, to: Int) {
        guard from < to else { return }
        // Local state (the properties are set at the end): no access checks in the loop.
        var state = State(base: base, from: from, to: to)
        var i = from
        while to - i >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let quotes = UnquotedScan.zeroBytes(word ^ 0x2222_2222_2222_2222)
            if quotes | (word & 0x8080_8080_8080_8080) != 0 {
                if quotes != 0 {
                    hasQuote = true
                    return
                }
                isASCII = false
            }
            var mask = UnquotedScan.zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C)
                | UnquotedScan.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                | UnquotedScan.zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D)
            while mask != 0 {
                let at = i + mask.trailingZeroBitCount >> 3
                mask &= mask &- 1
                if at >= state.skip { state.separator(at) }
            }
            i += 8
        }
        while i < to {
            let byte = base[i]
            if byte == UInt8(ascii: "\"") {
                hasQuote = true
                return
            }
            if byte >= 0x80 { isASCII = false }
            if i >= state.skip, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { state.separator(i) }
            i += 1
        }
        state.finish()
        starts = state.starts
        numbers = state.numbers
        recordFirst = state.recordFirst
        recordEnd = state.recordEnd
    }

    /// The scan's running state: cells and records so far, the open cell.
    private struct State {
        let base: UnsafePointer<UInt8>
        let to: Int
        var starts: [UInt32] = []
        var numbers: [Double] = []
        var recordFirst: [Int] = []
        var recordEnd: [UInt32] = []
        var fieldStart: Int
        /// Separators before `skip` are not looked at (the LF of a CRLF already handled).
        var skip: Int
        /// Whether a record is open (bytes follow the last line end).
        var open = true

        init(base: UnsafePointer<UInt8>, from: Int, to: Int) {
            self.base = base
            self.to = to
            fieldStart = from
            skip = from
            let estimate = UnquotedScan.estimatedCells(base + from, count: to - from)
            starts.reserveCapacity(estimate)
            numbers.reserveCapacity(estimate)
            recordFirst.append(0)
            starts.append(UInt32(truncatingIfNeeded: from))
        }

        /// Ends the cell before the separator byte at `i` (and its record at a line end).
        @inline(__always)
        mutating func separator(_ i: Int) {
            let byte = base[i]
            numbers.append(CSVTable.cellNumber(base + fieldStart, count: i - fieldStart))
            if byte == UInt8(ascii: ",") {
                fieldStart = i + 1
                starts.append(UInt32(truncatingIfNeeded: fieldStart))
                return
            }
            recordEnd.append(UInt32(truncatingIfNeeded: i))
            var next = i + 1
            if byte == UInt8(ascii: "\r"), next < to, base[next] == UInt8(ascii: "\n") { next += 1 }
            skip = next
            fieldStart = next
            open = next < to
            if open {
                recordFirst.append(starts.count)
                starts.append(UInt32(truncatingIfNeeded: next))
            }
        }

        /// Ends the last record when no line end closes it.
        mutating func finish() {
            guard open else { return }
            numbers.append(CSVTable.cellNumber(base + fieldStart, count: to - fieldStart))
            recordEnd.append(UInt32(truncatingIfNeeded: to))
        }
    }

    /// 0x80 in each byte of `word` that is zero, 0 in every other byte (exact: no false
    /// positives from borrows).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low = (word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        return ~(low | word | 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// The number of cells in `count` bytes, extrapolated from the separators in their first
    /// 64 KiB (with 5% to spare), so the arrays rarely grow.
    private static func estimatedCells(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
        let sample = min(count, 1 << 16)
        var separators = 0
        for i in 0 ..< sample {
            let byte = base[i]
            separators &+= byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") ? 1 : 0
        }
        return (separators + 1) * (count / sample) + separators * (count % sample) / sample + (separators + 1) / 20 + 16
    }

    /// Where to cut `base[from ..< to]` into about `parts` stretches: each cut is right after
    /// an LF (so no record or CRLF is split); fewer cuts when LFs are scarce.
    static func cuts(_ base: UnsafePointer<UInt8>, from: Int, to: Int, parts: Int) -> [Int] {
        var cuts = [from]
        for k in 1 ..< max(1, parts) {
            var i = max(from + (to - from) * k / parts, cuts[cuts.count - 1])
            while i < to, base[i] != UInt8(ascii: "\n") { i += 1 }
            guard i + 1 < to else { break }
            if i + 1 > cuts[cuts.count - 1] { cuts.append(i + 1) }
        }
        cuts.append(to)
        return cuts
    }
}
