import Foundation
import SentinelImaging
import SentinelTestSupport

/// Decoded deep-feature fixtures (Tests/Fixtures/deep, written by make_deep_fixtures.py).
enum DeepFixtures {
    struct Network: Decodable {
        let base_width: Int
        let network_cases: [NetworkCase]
        let images: [ImageCase]
    }

    struct NetworkCase: Decodable {
        let batch: Int
        let height: Int
        let width: Int
        let offset: Int
        let features: [[Double]]

        /// The formula input of the script: ((i·7919 mod 2003) / 1001.5) − 1 in Float32, NCHW.
        var input: [Float] {
            (0..<(batch * 3 * height * width)).map { i in
                Float((i + offset) * 7919 % 2003) / Float(1001.5) - 1
            }
        }
    }

    struct ImageCase: Decodable {
        let width: Int
        let height: Int
        let coefficients: [Int]
        let ellipse: [Int]
        let rectangle: [Int]
        let label: Int
        let box: [Int]
        let plane_sum: Double
        let features: [Double]

        /// The formula image and mask of the script.
        var input: DeepInput {
            var pixels = [Float](repeating: 0, count: width * height)
            var mask = [Int32](repeating: 0, count: width * height)
            let c = coefficients
            let (cx, cy, rx, ry) = (ellipse[0], ellipse[1], ellipse[2], ellipse[3])
            for y in 0..<height {
                for x in 0..<width {
                    pixels[y * width + x] = Float((c[0] * x * x + c[1] * y * y + c[2] * x * y + c[3] * x + c[4] * y) % c[5])
                    if (x - cx) * (x - cx) * ry * ry + (y - cy) * (y - cy) * rx * rx <= rx * rx * ry * ry {
                        mask[y * width + x] = Int32(ellipse[4])
                    }
                    if (rectangle[0]...rectangle[1]).contains(y) && (rectangle[2]...rectangle[3]).contains(x) {
                        mask[y * width + x] = Int32(rectangle[4])
                    }
                }
            }
            return DeepInput(pixels: pixels, width: width, height: height, mask: mask, label: Int32(label))
        }
    }

    static func network() throws -> Network { try Fixtures.load(Network.self, "deep/resnet18_w8.json") }
    static var weightsURL: URL { Fixtures.url("deep/resnet18_w8.safetensors") }
}

extension Array where Element == Float {
    var doubles: [Double] { map(Double.init) }
}
