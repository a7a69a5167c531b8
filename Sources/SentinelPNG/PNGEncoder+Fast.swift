extension PNGEncoder {
    /// The `.fast` engine: scanlines with filter None compressed by `ScanlineDeflater`, written
    /// as IHDR, pHYs (when `dpi` is set), IDAT chunks of at most 1 MiB, IEND.
    func encodeFast(width: Int, height: Int, colorType: ColorType,
                    fill: (Int, UnsafeMutableBufferPointer<UInt8>) throws -> Void) throws -> [UInt8] {
        let (rowBytes, overflow) = width.multipliedReportingOverflow(by: colorType.channels)
        guard !overflow, rowBytes < Int(Int32.max) else {
            throw PNGError("cannot encode a \(width)x\(height) image (rows too long)")
        }
        let deflater = ScanlineDeflater(lineBytes: rowBytes + 1, bytesPerPixel: colorType.channels, lineCount: height)
        for y in 0..<height {
            try fill(y, deflater.nextLine())
            deflater.commitLine()
        }
        let stream = deflater.finish()
        var file = PNGChunkWriter(reservingCapacity: stream.count + stream.count / PNGChunkWriter.imageDataChunkBytes * 12 + 128)
        file.append("IHDR", PNGChunkWriter.header(width: width, height: height, colorType: colorType == .rgb ? 2 : 6))
        if let dpi {
            file.append("pHYs", PNGChunkWriter.physicalDimensions(pixelsPerMetre: Self.pixelsPerMetre(dpi: dpi)))
        }
        file.appendImageData(stream)
        file.append("IEND", [])
        return file.bytes
    }
}
