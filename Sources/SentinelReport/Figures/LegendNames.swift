import SentinelRender

/// Model names as the figures show them. A name at most `maxWidth` points wide in the legend
/// font is kept; a longer one is cut to fit with "…" and tagged with the model's number
/// ("[4]", its position among the models, the same in every figure), and the figure's
/// caption gives the full name of every shortened model. Legends then stay a line or two per
/// model, inside their figure, however long the names in the input are.
struct LegendNames: Sendable {
    /// Per model (by index): the name to draw.
    let names: [String]
    /// Per model: the full name when it was shortened, else nil.
    let fullNames: [String?]

    /// Widest name kept whole, in points at `ChartStyle.standard.legendFont` (6.5 pt): about
    /// 32 Latin characters, so "Post-fusion Clinical+Rad+DL, AUC 0.892 (0.816–0.968)" still
    /// fits on one line of a single-column panel.
    static let maxWidth = 120.0

    init(_ models: [String], font: Font = ChartStyle.standard.legendFont, maxWidth: Double = LegendNames.maxWidth) {
        var names: [String] = []
        var fullNames: [String?] = []
        for (k, name) in models.enumerated() {
            let tag = " [\(k + 1)]"
            let width = (try? TextShaper.width(of: name, font: font)) ?? 0
            if width <= maxWidth {
                names.append(name)
                fullNames.append(nil)
            } else {
                let tagWidth = (try? TextShaper.width(of: tag, font: font)) ?? 0
                let short = (try? TextShaper.truncate(name, font: font, width: maxWidth - tagWidth)) ?? String(name.prefix(30)) + "…"
                names.append(short + tag)
                fullNames.append(name)
            }
        }
        self.names = names
        self.fullNames = fullNames
    }

    /// The name to draw for model `index` (the index itself past the end).
    func name(_ index: Int) -> String {
        index < names.count ? names[index] : "[\(index + 1)]"
    }

    /// " Shortened model names: [4] <full name>; [7] <full name>." for the shortened models
    /// among `indices`, or "" when none is.
    func captionNote(for indices: [Int]) -> String {
        let notes = indices.compactMap { k in k < fullNames.count ? fullNames[k].map { "[\(k + 1)] \($0)" } : nil }
        return notes.isEmpty ? "" : " Shortened model names: " + notes.joined(separator: "; ") + "."
    }
}
