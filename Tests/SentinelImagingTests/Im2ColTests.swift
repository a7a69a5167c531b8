import Foundation
@testable import SentinelImaging
import XCTest

/// The im2col expansion against its definition, element by element (exact: it only moves
/// values), for the stride-2 path that gathers each padded row's even and odd columns once.
final class Im2ColTests: XCTestCase {
    func testStride2RowsMatchTheDefinition() {
        var rng = SplitMix(seed: 23)
        // (channels, batch, height, width, kernel, padding): ResNet18's stem and 3×3/2 shapes,
        // odd and even sizes, no padding, padding wider than the image's first columns.
        let shapes = [(3, 2, 15, 17, 7, 3), (2, 2, 14, 16, 3, 1), (2, 1, 9, 8, 5, 2), (1, 3, 7, 7, 3, 0),
                      (2, 2, 6, 5, 7, 3), (1, 1, 3, 2, 3, 1)]
        for (channels, batch, height, width, kernel, padding) in shapes {
            let outHeight = (height + 2 * padding - kernel) / 2 + 1, outWidth = (width + 2 * padding - kernel) / 2 + 1
            let geometry = Im2Col(channels: channels, batch: batch, height: height, width: width, kernel: kernel,
                                  stride: 2, padding: padding, outHeight: outHeight, outWidth: outWidth)
            var input = (0..<(channels * batch * height * width)).map { _ in rng.uniform() }
            let totalRows = batch * outHeight
            // Every run of output rows, including runs that cross from one image to the next.
            for rows in [0..<totalRows, 1..<min(totalRows, outHeight + 2), (totalRows - 1)..<totalRows] where !rows.isEmpty {
                let columns = rows.count * outWidth
                var got = [Float](repeating: .nan, count: channels * kernel * kernel * columns)
                input.withUnsafeMutableBufferPointer { x in
                    got.withUnsafeMutableBufferPointer { geometry.fill($0.baseAddress!, from: x.baseAddress!, rows: rows) }
                }
                var want = [Float]()
                for c in 0..<channels {
                    for ky in 0..<kernel {
                        for kx in 0..<kernel {
                            for r in rows {
                                let (n, oy) = (r / outHeight, r % outHeight)
                                for ox in 0..<outWidth {
                                    let (iy, ix) = (2 * oy - padding + ky, 2 * ox - padding + kx)
                                    let inside = iy >= 0 && iy < height && ix >= 0 && ix < width
                                    want.append(inside ? input[((c * batch + n) * height + iy) * width + ix] : 0)
                                }
                            }
                        }
                    }
                }
                XCTAssertEqual(got.map(\.bitPattern), want.map(\.bitPattern),
                               "\(channels)x\(batch)x\(height)x\(width) k\(kernel) p\(padding) rows \(rows)")
            }
        }
    }
}
