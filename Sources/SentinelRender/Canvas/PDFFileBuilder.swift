/// Assembles a PDF file: header, numbered objects (any order), cross-reference table, trailer.
struct PDFFileBuilder {
    private(set) var bytes: [UInt8] = []
    private var offsets: [Int] = []

    /// Starts the file for objects 1..<`objectCount`.
    mutating func begin(objectCount: Int) {
        bytes = Array("%PDF-1.5\n%".utf8) + [0xB5, 0xED, 0xAE, 0xFB, 0x0A]
        offsets = Array(repeating: 0, count: objectCount)
    }

    mutating func object(_ number: Int, _ body: (inout String) -> Void) {
        offsets[number] = bytes.count
        var text = "\(number) 0 obj\n"
        body(&text)
        text += "\nendobj\n"
        bytes.append(contentsOf: text.utf8)
    }

    mutating func stream(_ number: Int, _ data: [UInt8], dictionary: String) {
        offsets[number] = bytes.count
        bytes.append(contentsOf: "\(number) 0 obj\n<< /Length \(data.count)\(dictionary.isEmpty ? "" : " " + dictionary) >>\nstream\n".utf8)
        bytes.append(contentsOf: data)
        bytes.append(contentsOf: "\nendstream\nendobj\n".utf8)
    }

    /// The cross-reference table and trailer; returns the whole file.
    mutating func finish(root: Int, info: Int) -> [UInt8] {
        let start = bytes.count
        var xref = "xref\n0 \(offsets.count)\n0000000000 65535 f \n"
        for offset in offsets.dropFirst() {
            if offset == 0 {
                xref += "0000000000 65535 f \n"
            } else {
                let digits = String(offset)
                xref += String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n"
            }
        }
        xref += "trailer\n<< /Size \(offsets.count) /Root \(root) 0 R /Info \(info) 0 R >>\nstartxref\n\(start)\n%%EOF\n"
        bytes.append(contentsOf: xref.utf8)
        return bytes
    }
}
