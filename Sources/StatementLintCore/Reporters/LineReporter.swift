/// One line per finding, `path:line:col: severity: message [category/id]`, with no source
/// excerpt and no checklist: for editors' error lists, `grep` and scripts. Ends with the same
/// summary line as text output.
struct LineReporter: RendersFilesAlone {
    public static let identifier = "line"
    let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public mutating func render(_ file: FileResult) -> String { lines(file) }
    func renderAlone(_ file: FileResult) -> [UInt8] { Array(lines(file).utf8) }

    func lines(_ result: FileResult) -> String {
        var out = ""
        let path = TerminalSafe.escape(LineReporter.oneLine(result.path))
        for f in result.findings where f.suppression == nil {
            out += "\(path):\(f.start.line):\(f.start.column): \(f.severity.rawValue): \(LineReporter.oneLine(f.message)) [\(f.qualifiedID)]\n"
        }
        for e in result.errors { out += "\(path): error: \(LineReporter.oneLine(e.message))\n" }
        return out
    }

    public mutating func finish(_ summary: RunSummary) -> String { TextReporter(context: context).summaryLine(summary) }

    /// A message that spans lines would break the one-finding-per-line contract; control
    /// characters from the file are escaped (`TerminalSafe`).
    static func oneLine(_ s: String) -> String {
        guard s.contains(where: \.isNewline) else { return TerminalSafe.escape(s) }
        return TerminalSafe.escape(s.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}
