/// Column width allocation for tables.
enum ColumnWidths {
    /// Widths summing to `available`: with `weights`, proportional to them; otherwise each
    /// column gets its natural width when all fit (the spare width shared equally), or else
    /// water-filling: narrow columns keep their natural width and the rest share what is left
    /// equally, so long text columns wrap first. Every column gets at least `minimum`.
    ///
    /// `minimums` (e.g. each column's longest word, so a header like "Spiegelhalter p" never
    /// breaks inside a word) are honoured with weights too: a column the weights make narrower
    /// than its minimum gets its minimum, and the columns with room to spare give it up in
    /// proportion to their spare width. When the minimums alone do not fit, the widths are
    /// proportional to the minimums.
    static func allocate(natural: [Double], available: Double, weights: [Double]? = nil, minimum: Double = 18,
                         minimums: [Double]? = nil) -> [Double] {
        let n = natural.count
        guard n > 0 else { return [] }
        if let weights, weights.count == n, weights.allSatisfy({ $0 > 0 && $0.isFinite }) {
            let total = weights.reduce(0, +)
            let proportional = weights.map { available * $0 / total }
            guard let minimums, minimums.count == n else { return proportional }
            return raise(proportional, to: minimums, available: available)
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

    /// `widths` (summing to `available`) with every column at least its minimum, the deficit
    /// taken from the other columns in proportion to their width above their own minimum.
    static func raise(_ widths: [Double], to minimums: [Double], available: Double) -> [Double] {
        let floor = minimums.reduce(0, +)
        guard floor < available else { return minimums.map { available * $0 / max(floor, 1e-9) } }
        let deficit = zip(widths, minimums).reduce(0) { $0 + max(0, $1.1 - $1.0) }
        guard deficit > 0 else { return widths }
        let spare = zip(widths, minimums).reduce(0) { $0 + max(0, $1.0 - $1.1) }
        return zip(widths, minimums).map { width, least in
            width <= least ? least : width - deficit * (width - least) / spare
        }
    }
}
