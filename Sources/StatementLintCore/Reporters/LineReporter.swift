/// One line per finding, `path:line:col: severity: message [category/id]`, with no source
/// excerpt and no checklist: for editors' error lists, `grep` and scripts. Ends with the same
/// summary line as text output.
public struct LineReporter: Reporter {
    let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public mutating func begin() -> String { "" }

    public mutating func file(_ result: FileResult) -> String { result.rendered.map { String(decoding: $0, as: UTF8.self) } ?? render(result)! }
    public mutating func file(_ result: FileResult, into out: inout [UInt8]) { out.append(contentsOf: result.rendered ?? renderBytes(result)!) }

    public func render(_ result: FileResult) -> String? {
        var out = ""
        for f in result.findings where f.suppression == nil {
            out += "\(result.path):\(f.start.line):\(f.start.column): \(f.severity.rawValue): \(LineReporter.oneLine(f.message)) [\(f.qualifiedID)]\n"
        }
        for e in result.errors { out += "\(result.path): error: \(LineReporter.oneLine(e.message))\n" }
        return out
    }

    public mutating func end(_ summary: RunSummary) -> String {
        var text = TextReporter(context: context)
        return text.end(summary)
    }

    /// A message that spans lines would break the one-finding-per-line contract.
    static func oneLine(_ s: String) -> String {
        guard s.contains(where: \.isNewline) else { return s }
        return s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
