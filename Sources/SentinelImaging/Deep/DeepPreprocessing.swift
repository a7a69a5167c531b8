/// How an image and its ROI become the network input. The defaults are Sentinel's stated
/// preprocessing:
///
/// 1. ROI = pixels with mask == label (empty → `DeepError.emptyRegionOfInterest`);
/// 2. its bounding box in array rows/columns (inclusive width w, height h) is widened on each
///    side by ⌊marginFraction·w + 0.5⌋ columns and ⌊marginFraction·h + 0.5⌋ rows, then clamped
///    to the image (no zero fill, no shift);
/// 3. the whole crop is min-max scaled to [0, 1] (all zeros when max == min);
/// 4. resized to `outputWidth × outputHeight` independently per axis by `BilinearResize`
///    (PyTorch `F.interpolate(mode="bilinear", align_corners=False)`, no antialias);
/// 5. replicated to 3 channels and normalised per channel, `(v − mean[c]) / std[c]`
///    (ImageNet statistics, RGB order).
public struct DeepPreprocessing: Codable, Sendable, Equatable {
    public var outputWidth: Int
    public var outputHeight: Int
    /// Margin added on each side, as a fraction of the ROI box's width (columns) / height (rows).
    public var marginFraction: Double
    /// Per-channel mean subtracted after scaling to [0, 1] (R, G, B).
    public var channelMean: [Float]
    /// Per-channel standard deviation divided by (R, G, B).
    public var channelStd: [Float]

    public init(outputWidth: Int = 224, outputHeight: Int = 224, marginFraction: Double = 0.1,
                channelMean: [Float] = [0.485, 0.456, 0.406], channelStd: [Float] = [0.229, 0.224, 0.225]) {
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
        self.marginFraction = marginFraction
        self.channelMean = channelMean
        self.channelStd = channelStd
    }

    /// An inclusive rectangle of array rows and columns.
    public struct Box: Codable, Sendable, Equatable {
        public var firstRow: Int
        public var lastRow: Int
        public var firstColumn: Int
        public var lastColumn: Int
        public var width: Int { lastColumn - firstColumn + 1 }
        public var height: Int { lastRow - firstRow + 1 }

        public init(firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
            self.firstRow = firstRow
            self.lastRow = lastRow
            self.firstColumn = firstColumn
            self.lastColumn = lastColumn
        }
    }

    /// Checks the parameters themselves.
    func validate() throws {
        guard outputWidth > 0, outputHeight > 0 else {
            throw DeepError.invalidInput("output size \(outputWidth)x\(outputHeight) must be positive")
        }
        guard marginFraction >= 0, marginFraction.isFinite else {
            throw DeepError.invalidInput("margin fraction \(marginFraction) must be finite and ≥ 0")
        }
        guard channelMean.count == 3, channelStd.count == 3, channelStd.allSatisfy({ $0 > 0 }) else {
            throw DeepError.invalidInput("channel mean and std need 3 values each, std > 0")
        }
    }

    /// The crop rectangle of steps 1–2 for `input`.
    public func cropBox(_ input: DeepInput) throws -> Box {
        try input.validate()
        try validate()
        var firstRow = Int.max, lastRow = -1, firstColumn = Int.max, lastColumn = -1
        input.mask.withUnsafeBufferPointer { mask in
            for row in 0..<input.height {
                let base = row * input.width
                for column in 0..<input.width where mask[base + column] == input.label {
                    firstRow = min(firstRow, row)
                    lastRow = row
                    firstColumn = min(firstColumn, column)
                    lastColumn = max(lastColumn, column)
                }
            }
        }
        guard lastRow >= 0 else { throw DeepError.emptyRegionOfInterest(label: input.label, index: nil) }
        let box = Box(firstRow: firstRow, lastRow: lastRow, firstColumn: firstColumn, lastColumn: lastColumn)
        return widened(box, width: input.width, height: input.height)
    }

    /// Step 2: the ROI bounding box `box` widened by the margins and clamped to a
    /// `width × height` image.
    func widened(_ box: Box, width: Int, height: Int) -> Box {
        let marginColumns = Int((marginFraction * Double(box.width) + 0.5).rounded(.down))
        let marginRows = Int((marginFraction * Double(box.height) + 0.5).rounded(.down))
        return Box(firstRow: max(0, box.firstRow - marginRows), lastRow: min(height - 1, box.lastRow + marginRows),
                   firstColumn: max(0, box.firstColumn - marginColumns),
                   lastColumn: min(width - 1, box.lastColumn + marginColumns))
    }

    /// Steps 1–4: the crop min-max scaled to [0, 1] and resized, `outputHeight × outputWidth`
    /// row-major.
    public func resizedPlane(_ input: DeepInput) throws -> [Float] {
        let box = try cropBox(input)
        let count = box.width * box.height
        var low = Float.infinity, high = -Float.infinity, finite = true
        var crop = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            input.pixels.withUnsafeBufferPointer { pixels in
                for row in 0..<box.height {
                    let src = pixels.baseAddress! + (box.firstRow + row) * input.width + box.firstColumn
                    let dst = out.baseAddress! + row * box.width
                    dst.initialize(from: src, count: box.width)
                    let (l, h, f) = Self.extrema(UnsafePointer(dst), count: box.width)
                    low = min(low, l)
                    high = max(high, h)
                    finite = finite && f
                }
            }
            initialized = count
        }
        guard finite else {
            throw DeepError.invalidInput("the crop contains non-finite intensities")
        }
        let range = high - low
        if range > 0 {
            for i in crop.indices { crop[i] = (crop[i] - low) / range }
        } else {
            crop.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
        return BilinearResize.resize(crop, width: box.width, height: box.height,
                                     outWidth: outputWidth, outHeight: outputHeight)
    }

    /// The least and greatest of the `count` values at `p` (equal to `Swift.min`/`max` over
    /// them when all are finite, up to the sign of a zero) and whether all are finite, eight
    /// lanes at a time.
    static func extrema(_ p: UnsafePointer<Float>, count: Int) -> (low: Float, high: Float, finite: Bool) {
        var low8 = SIMD8<Float>(repeating: .infinity), high8 = SIMD8<Float>(repeating: -.infinity)
        // v · 0 is 0 for a finite v and NaN otherwise; a NaN anywhere stays in the sum.
        var poison8 = SIMD8<Float>()
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= count {
            let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
            low8 = pointwiseMin(low8, v)
            high8 = pointwiseMax(high8, v)
            poison8 += v * 0
            i += 8
        }
        var low = low8.min(), high = high8.max(), poison = poison8.sum()
        while i < count {
            low = min(low, p[i])
            high = max(high, p[i])
            poison += p[i] * 0
            i += 1
        }
        return (low, high, poison == 0)
    }

    /// Steps 1–5: the network input for one image, 3 × outputHeight × outputWidth (CHW).
    public func tensor(_ input: DeepInput) throws -> [Float] {
        let plane = try resizedPlane(input)
        var out = [Float](repeating: 0, count: 3 * plane.count)
        for c in 0..<3 { normalise(plane, channel: c, into: &out[(c * plane.count)..<((c + 1) * plane.count)]) }
        return out
    }

    /// Writes channel `c` of the normalised plane into `destination`.
    func normalise(_ plane: [Float], channel c: Int, into destination: inout ArraySlice<Float>) {
        let mean = channelMean[c], std = channelStd[c]
        var j = destination.startIndex
        for v in plane {
            destination[j] = (v - mean) / std
            j += 1
        }
    }
}
