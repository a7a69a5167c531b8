/// One stretch of a CSV file, split into records and cells as a file without quotes is:
/// commas separate fields; LF, CRLF or a lone CR end records. Every cell is also read as a
/// number (`CSVTable.cellNumber`) while its bytes are at hand.
///
/// Two passes: `CSVKernels.separators` lists the offsets of every comma, LF and CR (64 bytes at
/// a time; it also notes whether any byte is outside ASCII and stops at the first `"`: such a
/// file is parsed as quoted), then the offsets are walked once to close cells and records.
/// Their count bounds the number of cells, so the cells' offsets and numbers are written
/// through pointers into arrays of that size, with no per-cell growth or uniqueness checks.
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

    /// Scans `base[from ..< to]` (offsets are those of `base`) with the separator kernels at
    /// `CSVKernels.level`.
    init(_ base: UnsafePointer<UInt8>, from: Int, to: Int) {
        self.init(base, from: from, to: to, level: CSVKernels.level)
    }

    /// Scans `base[from ..< to]` with the separator kernels at `level`.
    init(_ base: UnsafePointer<UInt8>, from: Int, to: Int, level: CSVKernels.Level) {
        guard from < to else { return }
        let separators = Separators(base, from: from, to: to, level: level)
        defer { separators.deallocate() }
        isASCII = separators.isASCII
        guard !separators.hasQuote else {
            hasQuote = true
            return
        }
        split(base, from: from, to: to, separators: UnsafeBufferPointer(start: separators.positions, count: separators.count))
    }

    /// The second pass: cells and records from the separators' offsets, in order.
    private mutating func split(_ base: UnsafePointer<UInt8>, from: Int, to: Int, separators: UnsafeBufferPointer<UInt32>) {
        // Each separator closes at most one cell and the last cell may be open: count + 1 cells
        // at most (fewer when an LF only completes a CRLF).
        let capacity = separators.count + 1
        // Numbers may read up to 8 bytes past a cell's last byte: the stretch's bytes are readable.
        let readable = base + to
        var recordFirst = [0], recordEnd = [UInt32]()
        var cells = 0
        let starts = [UInt32](unsafeUninitializedCapacity: capacity) { starts, startCount in
            numbers = [Double](unsafeUninitializedCapacity: capacity) { numbers, numberCount in
                var fieldStart = from
                // Separators before `skip` are not looked at (the LF of a CRLF already handled).
                var skip = from
                var open = true
                starts[0] = UInt32(truncatingIfNeeded: from)
                for separator in separators {
                    let i = Int(separator)
                    if i < skip { continue }
                    numbers[cells] = CSVTable.cellNumber(base + fieldStart, count: i - fieldStart, readable: readable)
                    cells += 1
                    let byte = base[i]
                    if byte == UInt8(ascii: ",") {
                        fieldStart = i + 1
                        starts[cells] = UInt32(truncatingIfNeeded: fieldStart)
                        continue
                    }
                    recordEnd.append(UInt32(truncatingIfNeeded: i))
                    var next = i + 1
                    if byte == UInt8(ascii: "\r"), next < to, base[next] == UInt8(ascii: "\n") { next += 1 }
                    skip = next
                    fieldStart = next
                    open = next < to
                    if open {
                        recordFirst.append(cells)
                        starts[cells] = UInt32(truncatingIfNeeded: next)
                    }
                }
                // The last record when no line end closes it.
                if open {
                    numbers[cells] = CSVTable.cellNumber(base + fieldStart, count: to - fieldStart, readable: readable)
                    cells += 1
                    recordEnd.append(UInt32(truncatingIfNeeded: to))
                }
                numberCount = cells
                startCount = cells
            }
        }
        self.starts = starts
        self.recordFirst = recordFirst
        self.recordEnd = recordEnd
    }

    /// The first pass: the offsets of every separator in a stretch, in memory this owns
    /// (`deallocate()` frees it).
    private struct Separators {
        var positions: UnsafeMutablePointer<UInt32>
        var count = 0
        var isASCII = true
        var hasQuote = false

        init(_ base: UnsafePointer<UInt8>, from: Int, to: Int, level: CSVKernels.Level) {
            // One separator per 16 bytes to start with (a 17-digit number and its comma is 20);
            // the room doubles when a file has shorter cells.
            var capacity = max(1024, (to - from) / 16)
            positions = .allocate(capacity: capacity)
            var i = from
            while i < to {
                if capacity - count < 64 {
                    let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * capacity)
                    larger.moveInitialize(from: positions, count: count)
                    positions.deallocate()
                    positions = larger
                    capacity *= 2
                }
                let scan = CSVKernels.separators(base, from: i, to: to, into: positions + count, capacity: capacity - count,
                                                 level: level)
                count += scan.count
                i = scan.next
                if scan.nonASCII { isASCII = false }
                if scan.quote {
                    hasQuote = true
                    return
                }
            }
        }

        func deallocate() { positions.deallocate() }
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
