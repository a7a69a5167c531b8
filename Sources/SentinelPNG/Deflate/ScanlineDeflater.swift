import CPNGKernels
import Foundation

/// Compresses the scanlines of a PNG image, one at a time, into a zlib stream (RFC 1950 with
/// RFC 1951 deflate data), for images that are mostly flat colour such as charts.
///
/// Each scanline is stored with filter type 0 (None) and parsed greedily into literals and
/// matches (lengths 4...258, distances up to 32 KiB). Candidate matches, checked in order, the
/// longest kept (the earlier on a tie):
/// - the previous pixel (distance = bytes per pixel), which carries runs of one colour and is
///   the cheapest distance to send;
/// - the same bytes one scanline up (distance = scanline length), which carries every part of
///   the image that repeats vertically;
/// - the last position whose next four bytes hashed alike (one probe, no chains), which finds
///   repeated glyphs and shapes.
/// A scanline identical to the one above is detected with one `memcmp` and sent without being
/// parsed: as a run of its first pixel when it is one colour, else as matches one scanline
/// back; its Adler-32 contribution is the one above's.
///
/// Matches and literals are collected per block (about 1 MiB of scanlines or 64 Ki tokens),
/// then the block is written with whichever is shortest of a dynamic Huffman code built from
/// the block's own symbol counts, the fixed code, or stored bytes. The window always keeps the
/// last 32 KiB (and at least one scanline), so matches may reach into earlier blocks.
///
/// The output depends only on the scanline bytes: the same image always gives the same stream.
final class ScanlineDeflater {
    /// Bytes per scanline including its filter-type byte.
    let lineBytes: Int
    /// Bytes per pixel (the distance of a one-colour run).
    let bytesPerPixel: Int
    /// Scanlines in the image.
    let lineCount: Int

    /// Raw bytes per block before it is written (the last scanline may overshoot it).
    static let blockBytes = 1 << 20
    /// Tokens per block before it is written.
    static let blockTokens = 1 << 16
    /// Hash table size: 2^hashBits entries.
    static let hashBits = 15
    static let maximumDistance = 32768
    /// Readable bytes kept after the last scanline for over-reading compares.
    static let slack = 64

    /// The scanlines of the current block, preceded by up to `history` bytes of earlier ones.
    private let window: UnsafeMutablePointer<UInt8>
    private let windowCapacity: Int
    /// Bytes of earlier blocks kept when a block is written.
    private let history: Int
    /// Bytes used in `window`; the current block starts at `blockStart`.
    private var used = 0
    private var blockStart = 0
    /// Stream offset (modulo 2^32) of `window[0]`.
    private var streamBase: UInt32 = 0
    private var linesDone = 0

    /// Stream offsets (modulo 2^32) of the last position whose four bytes had each hash.
    private let hashTable: UnsafeMutablePointer<UInt32>
    /// The block's tokens: a literal byte `b` as `b`, a match as `distance << 16 | length`.
    private let tokens: UnsafeMutablePointer<UInt32>
    private var tokenCount = 0
    /// Symbol counts of the block: literal/length symbols 0...285, distance symbols 0...29.
    private let literalFrequencies: UnsafeMutablePointer<UInt32>
    private let distanceFrequencies: UnsafeMutablePointer<UInt32>
    /// Copies of `DeflateTables.lengthSymbol` and `.distanceSymbol` for the parsing loop.
    private let lengthSymbols: UnsafeMutablePointer<UInt8>
    private let distanceSymbols: UnsafeMutablePointer<UInt8>

    private var adler = Adler32()
    private var previousLine = Adler32.Segment(sum: 0, weighted: 0, count: 0)
    private var writer: DeflateBitWriter
    private var finished = false

    /// A deflater for `lineCount` scanlines of `lineBytes` bytes each (filter byte included).
    init(lineBytes: Int, bytesPerPixel: Int, lineCount: Int) {
        precondition(lineBytes >= 2 && bytesPerPixel >= 1 && lineCount >= 1)
        // cpk_deflate_parse hashes into 2^15 slots and matches at most 32 KiB back.
        precondition(Self.hashBits == 15 && Self.maximumDistance == 32768)
        self.lineBytes = lineBytes
        self.bytesPerPixel = bytesPerPixel
        self.lineCount = lineCount
        history = max(Self.maximumDistance, lineBytes)
        // After a block is written, `used` = history at most; scanlines are then added while
        // the block holds fewer than `blockBytes`, so the last one ends before this; a small
        // image needs only its own size. Plus slack for the 16-byte loads comparing matches.
        let (imageBytes, overflow) = lineBytes.multipliedReportingOverflow(by: lineCount)
        windowCapacity = min(overflow ? Int.max : imageBytes, history + Self.blockBytes + lineBytes) + Self.slack
        // Zeroed (fresh pages for a large window, no memset) so no byte is ever uninitialised.
        window = calloc(windowCapacity, 1)!.assumingMemoryBound(to: UInt8.self)
        hashTable = .allocate(capacity: 1 << Self.hashBits)
        hashTable.initialize(repeating: 0, count: 1 << Self.hashBits)
        tokens = .allocate(capacity: Self.blockTokens + lineBytes)
        literalFrequencies = .allocate(capacity: 288)
        literalFrequencies.initialize(repeating: 0, count: 288)
        distanceFrequencies = .allocate(capacity: 32)
        distanceFrequencies.initialize(repeating: 0, count: 32)
        lengthSymbols = .allocate(capacity: DeflateTables.lengthSymbol.count)
        lengthSymbols.initialize(from: DeflateTables.lengthSymbol, count: DeflateTables.lengthSymbol.count)
        distanceSymbols = .allocate(capacity: DeflateTables.distanceSymbol.count)
        distanceSymbols.initialize(from: DeflateTables.distanceSymbol, count: DeflateTables.distanceSymbol.count)
        writer = DeflateBitWriter(capacity: 1 << 16)
        // zlib header: deflate with a 32 KiB window, "fastest" level hint; 0x7801 % 31 == 0.
        writer.append(0x78)
        writer.append(0x01)
    }

    deinit {
        free(window)
        hashTable.deallocate()
        tokens.deallocate()
        literalFrequencies.deallocate()
        distanceFrequencies.deallocate()
        lengthSymbols.deallocate()
        distanceSymbols.deallocate()
        writer.release()
    }

    /// Where the next scanline's bytes go (`lineBytes − 1` of them, after the filter byte).
    /// Its contents on entry are unspecified; every byte must be written before `commitLine`.
    func nextLine() -> UnsafeMutableBufferPointer<UInt8> {
        precondition(!finished && linesDone < lineCount)
        window[used] = 0  // filter type None
        return UnsafeMutableBufferPointer(start: window + used + 1, count: lineBytes - 1)
    }

    /// Compresses the scanline written into `nextLine()`.
    func commitLine() {
        precondition(!finished && linesDone < lineCount)
        let start = used, n = lineBytes
        if linesDone > 0, n <= Self.maximumDistance, memcmp(window + start + 1, window + start + 1 - n, n - 1) == 0 {
            let bpp = bytesPerPixel
            if n - 1 >= 4 * bpp, memcmp(window + start + 1 + bpp, window + start + 1, n - 1 - bpp) == 0 {
                // One colour across: the filter byte and first pixel from above, then a run of
                // that pixel (a distance of one pixel needs no extra bits, one row up ~10).
                emitRepeat(distance: n, length: 1 + bpp)
                emitRepeat(distance: bpp, length: n - 1 - bpp)
            } else {
                emitRepeat(distance: n, length: n)
            }
            adler.append(previousLine)
        } else {
            parse(from: start, to: start + n)
            previousLine = Adler32.Segment.of(window + start, count: n)
            adler.append(previousLine)
        }
        used += n
        linesDone += 1
        if linesDone < lineCount, used - blockStart >= Self.blockBytes || tokenCount >= Self.blockTokens {
            writeBlock(final: false)
            slideWindow()
        }
    }

    /// Writes the last block and the Adler-32 trailer; returns the whole zlib stream.
    func finish() -> [UInt8] {
        precondition(!finished && linesDone == lineCount, "all scanlines must be committed first")
        finished = true
        writeBlock(final: true)
        writer.reserve(8)
        writer.alignToByte()
        let check = adler.value
        for shift in [24, 16, 8, 0] { writer.append(UInt8(truncatingIfNeeded: check >> UInt32(shift))) }
        return Array(UnsafeBufferPointer(start: writer.bytes, count: writer.count))
    }

    // MARK: - Parsing

    /// Greedy parse of the scanline `window[start..<end]` into the block's tokens, by
    /// `cpk_deflate_parse` (CPNGKernels), whose contract spells out the candidates above with this
    /// class's constants (`hashBits` 15, `maximumDistance` 32768); its compares may read up to 15
    /// bytes past the scanline, inside `slack`.
    private func parse(from start: Int, to end: Int) {
        let upAllowed = linesDone > 0 && lineBytes <= Self.maximumDistance
        tokenCount = cpk_deflate_parse(window, start, end, lineBytes, bytesPerPixel, upAllowed ? 1 : 0, hashTable,
                                       streamBase, tokens, tokenCount, literalFrequencies, distanceFrequencies,
                                       lengthSymbols, distanceSymbols)
    }

    /// Appends matches at `distance` covering `length` bytes (length ≥ 3).
    private func emitRepeat(distance: Int, length: Int) {
        var left = length
        let d = distance - 1
        let distanceSymbol = Int(d < 256 ? distanceSymbols[d] : distanceSymbols[256 + d >> 7])
        while left > 0 {
            // Never leave a tail shorter than 3, the shortest match.
            let piece = left <= 258 ? left : (left - 258 >= 3 ? 258 : left - 3)
            tokens[tokenCount] = UInt32(truncatingIfNeeded: distance) << 16 | UInt32(truncatingIfNeeded: piece)
            tokenCount += 1
            literalFrequencies[257 + Int(lengthSymbols[piece])] += 1
            distanceFrequencies[distanceSymbol] += 1
            left -= piece
        }
    }

    /// Keeps the last `history` bytes of the window for the next block's matches.
    private func slideWindow() {
        let keep = min(used, history)
        let dropped = used - keep
        if dropped > 0 {
            (window).update(from: window + dropped, count: keep)
            streamBase &+= UInt32(truncatingIfNeeded: dropped)
        }
        used = keep
        blockStart = keep
    }

    // MARK: - Block writing

    /// Writes the block's tokens (and resets the block's counts).
    private func writeBlock(final: Bool) {
        literalFrequencies[256] = 1  // end of block
        let literalCounts = UnsafeBufferPointer(start: literalFrequencies, count: 286)
        let distanceCounts = UnsafeBufferPointer(start: distanceFrequencies, count: 30)
        let literalCode = HuffmanCode(frequencies: literalCounts, maximumLength: 15)
        let distanceCode = HuffmanCode(frequencies: distanceCounts, maximumLength: 15)
        let header = DynamicHeader(literalLengths: literalCode.lengths, distanceLengths: distanceCode.lengths)

        let rawBytes = used - blockStart
        let dynamicBits = 3 + header.bitCount + dataBits(literalCode.lengths, distanceCode.lengths)
        let fixedBits = 3 + dataBits(DeflateTables.fixedLiteralLengths, DeflateTables.fixedDistanceLengths)
        let storedPieces = max(1, (rawBytes + 65534) / 65535)
        let storedBits = storedPieces * (3 + 7 + 32) + 8 * rawBytes

        let last: UInt64 = final ? 1 : 0
        if storedBits < min(dynamicBits, fixedBits) {
            writer.reserve(rawBytes + 8 * storedPieces)
            var offset = blockStart
            for piece in 0..<storedPieces {
                let length = min(65535, used - offset)
                writer.put(piece == storedPieces - 1 ? last : 0, 3)  // BTYPE 00
                writer.alignToByte()
                for byte in [UInt16(length), ~UInt16(length)] {
                    writer.append(UInt8(truncatingIfNeeded: byte))
                    writer.append(UInt8(truncatingIfNeeded: byte >> 8))
                }
                writer.append(window + offset, count: length)
                offset += length
            }
        } else if fixedBits <= dynamicBits {
            writer.reserve(fixedBits / 8 + 16)
            writer.put(last | 1 << 1, 3)  // BTYPE 01
            writeTokens(HuffmanCode(lengths: DeflateTables.fixedLiteralLengths),
                        HuffmanCode(lengths: DeflateTables.fixedDistanceLengths))
        } else {
            writer.reserve(dynamicBits / 8 + 16)
            writer.put(last | 2 << 1, 3)  // BTYPE 10
            header.write(to: &writer)
            writeTokens(literalCode, distanceCode)
        }
        tokenCount = 0
        literalFrequencies.update(repeating: 0, count: 288)
        distanceFrequencies.update(repeating: 0, count: 32)
    }

    /// Bits of the block's tokens and end-of-block code under the given code lengths.
    private func dataBits(_ literalLengths: [UInt8], _ distanceLengths: [UInt8]) -> Int {
        var bits = 0
        for symbol in 0..<286 {
            let count = Int(literalFrequencies[symbol])
            guard count > 0 else { continue }
            bits += count * (Int(literalLengths[symbol]) + (symbol > 256 ? DeflateTables.lengthExtra[symbol - 257] : 0))
        }
        for symbol in 0..<30 {
            bits += Int(distanceFrequencies[symbol]) * (Int(distanceLengths[symbol]) + DeflateTables.distanceExtra[symbol])
        }
        return bits
    }

    /// Writes the block's tokens, then the end-of-block code.
    private func writeTokens(_ literalCode: HuffmanCode, _ distanceCode: HuffmanCode) {
        // Per literal, per match length (the length symbol's code with its extra bits) and per
        // distance symbol: the bit field to write and its width.
        let fields = UnsafeMutablePointer<UInt64>.allocate(capacity: 256 + 259 + 30)
        let widths = UnsafeMutablePointer<Int>.allocate(capacity: 256 + 259 + 30 + 30)
        defer {
            fields.deallocate()
            widths.deallocate()
        }
        for byte in 0..<256 {
            fields[byte] = UInt64(literalCode.codes[byte])
            widths[byte] = Int(literalCode.lengths[byte])
        }
        for length in 3...258 {
            let index = Int(DeflateTables.lengthSymbol[length])
            let symbol = 257 + index
            let codeLength = Int(literalCode.lengths[symbol])
            fields[256 + length] = UInt64(literalCode.codes[symbol])
                | UInt64(length - DeflateTables.lengthBase[index]) << UInt64(codeLength)
            widths[256 + length] = codeLength + DeflateTables.lengthExtra[index]
        }
        let distanceFields = fields + 256 + 259, distanceWidths = widths + 256 + 259
        let distanceShifts = distanceWidths + 30
        var distanceBases = [Int](repeating: 0, count: 30)
        for symbol in 0..<30 {
            distanceFields[symbol] = UInt64(distanceCode.codes[symbol])
            distanceShifts[symbol] = Int(distanceCode.lengths[symbol])
            distanceWidths[symbol] = Int(distanceCode.lengths[symbol]) + DeflateTables.distanceExtra[symbol]
            distanceBases[symbol] = DeflateTables.distanceBase[symbol]
        }
        // The token loop in C (cpk_deflate_write_tokens); the caller reserved the room.
        var bitBuffer = writer.bitBuffer, bitCount = writer.bitCount
        writer.count = distanceBases.withUnsafeBufferPointer { distanceBases in
            cpk_deflate_write_tokens(tokens, tokenCount, fields, widths, distanceFields, distanceWidths, distanceShifts,
                                     distanceBases.baseAddress, distanceSymbols, writer.bytes, writer.count,
                                     &bitBuffer, &bitCount)
        }
        writer.bitBuffer = bitBuffer
        writer.bitCount = bitCount
        writer.put(UInt64(literalCode.codes[256]), Int(literalCode.lengths[256]))
    }
}
