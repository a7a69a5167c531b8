import Foundation

/// PDF document information written by Cairo (`/Title`, `/Author`, `/Creator`, dates).
///
/// Dates are fixed by the caller (e.g. from `SOURCE_DATE_EPOCH`), never read from the clock,
/// so two runs produce byte-identical PDFs. The default date is the Unix epoch.
public struct DocumentMetadata: Hashable, Sendable, Codable {
    public var title: String
    public var author: String?
    public var subject: String?
    public var keywords: String?
    /// The producing tool with its version, e.g. `"Sentinel 0.4.0"`.
    public var creator: String
    /// Written as both `/CreationDate` and `/ModDate`.
    public var date: Date

    public init(title: String = "", author: String? = nil, subject: String? = nil,
                keywords: String? = nil, creator: String = "Sentinel",
                date: Date = Date(timeIntervalSince1970: 0)) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.date = date
    }

    /// `date` as Cairo's ISO 8601 form `YYYY-MM-DDThh:mm:ssZ` (UTC), independent of locale.
    var cairoDate: String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
    }

    /// `date` as written in the PDF's `/CreationDate` and `/ModDate`: `YYYYMMDDhhmmssZ` (UTC),
    /// the form Cairo writes.
    var pdfDate: String {
        String(cairoDate.filter { $0 != "-" && $0 != ":" && $0 != "T" })
    }
}
