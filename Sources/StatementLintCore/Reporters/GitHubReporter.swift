/// GitHub Actions workflow commands: each finding becomes an annotation on the pull request
/// (`::error`, `::warning` or `::notice`), each file error an `::error` on the file.
/// Ends with the text summary line, which the log shows as plain text.
struct GitHubReporter: Reporter {
    public static let identifier = "github"
    let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public mutating func render(_ result: FileResult) -> String {
        var out = ""
        let file = "file=" + GitHubReporter.escapeProperty(result.path)
        for f in result.findings where f.suppression == nil {
            var properties = [file, "line=\(f.start.line)", "col=\(f.start.column)"]
            if !f.documentLevel { properties += ["endLine=\(f.end.line)", "endColumn=\(f.end.column)"] }
            properties.append("title=" + GitHubReporter.escapeProperty(f.qualifiedID))
            out += "::\(GitHubReporter.command(f.severity)) \(properties.joined(separator: ","))::\(GitHubReporter.escapeData(f.message))\n"
        }
        for e in result.errors { out += "::error \(file)::\(GitHubReporter.escapeData(e.message))\n" }
        return out
    }

    public mutating func finish(_ summary: RunSummary) -> String { TextReporter(context: context).summaryLine(summary) }

    static func command(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .suggestion: return "notice"
        }
    }

    /// The message part of a workflow command: `%`, CR and LF are encoded (as in
    /// `@actions/core`'s `escapeData`), other control characters from the file escaped as in
    /// text output (`TerminalSafe`), everything else taken literally.
    static func escapeData(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: if TerminalSafe.isControl(u) { out += TerminalSafe.escaped(u) } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// A property value (`file=`, `title=`): also `:` and `,`, which would end the value.
    static func escapeProperty(_ s: String) -> String {
        var out = ""
        for u in escapeData(s).unicodeScalars {
            switch u {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
