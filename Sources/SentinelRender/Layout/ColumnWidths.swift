/// Column width allocation for tables.
enum ColumnWidths {
    /// Widths summing to `available`: with `weights`, proportional to them; otherwise each
    /// column gets its natural width when all fit (the spare width shared equally), or else
    /// water-filling: narrow columns keep their natural width and the rest share what is left
    /// equally, so long text columns wrap first. Every column gets at least `minimum`.
    static func allocate(natural: [Double], available: Double, weights: [Double]? = nil, minimum: Double = 18) -> [Double] {
        let n = natural.count
        guard n > 0 else { return [] }
        if let weights, weights.count == n, weights.allSatisfy({ $0 > 0 && $0.isFinite }) {
            let total = weights.reduce(0, +)
            return weights.map { available * $0 / total }
        }
        let total = natural.reduce(0, +)
        if total <= available {
            let extra = (available - total) / Double(n)
            return natural.map { $0 + extra }
        }
        var widths = [Double](repeating: 0, count: n)
        var remaining = available
        var open = Array(0..<n).sorted { natural[$0] < natural[$1] }
        while !open.isEmpty {
            let share = remaining / Double(open.count)
            let first = open[0]
            if natural[first] <= share {
                widths[first] = natural[first]
                remaining -= natural[first]
                open.removeFirst()
            } else {
                for c in open { widths[c] = share }
                break
            }
        }
        return widths.map { max($0, minimum) }
    }
}
