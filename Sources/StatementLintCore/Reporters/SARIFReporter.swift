import Foundation

/// SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, IDE SARIF viewers).
/// One run; every rule that ran is described in `tool.driver.rules`. SARIF is one JSON
/// document, so results are collected per file and written at `end`.
struct SARIFReporter: Reporter {
    public static let identifier = "sarif"
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    static let informationURI = "https://statementlint.example"
    static let fingerprintKey = "statementlint/v1"
    static let sourceRoot = "%SRCROOT%"

    let context: ReportContext
    var ruleIndex: [String: Int]
    /// Descriptors for findings that no loaded rule produced (the tool's own checks of
    /// suppression directives), so every result has a ruleIndex.
    var toolRules: [JSON] = []
    var results: [JSON] = []
    var notifications: [JSON] = []

    public init(context: ReportContext) {
        self.context = context
        var index: [String: Int] = [:]
        for (i, rule) in context.rules.enumerated() where index[rule.qualifiedID] == nil { index[rule.qualifiedID] = i }
        ruleIndex = index
    }

    public mutating func render(_ result: FileResult) -> String {
        let artifact = SARIFReporter.artifactLocation(result.path)
        for f in result.findings {
            if ruleIndex[f.qualifiedID] == nil {
                ruleIndex[f.qualifiedID] = context.rules.count + toolRules.count
                toolRules.append(SARIFReporter.toolRuleJSON(f))
            }
            results.append(resultJSON(f, artifact: artifact))
        }
        for e in result.errors {
            notifications.append(.object([
                ("level", .string("error")),
                ("message", .object([("text", .string(e.message))])),
                ("locations", .array([.object([("physicalLocation", .object([("artifactLocation", artifact)]))])])),
            ]))
        }
        return ""
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        let driver: JSON = .object([
            ("name", .string("statementlint")),
            ("version", .string(context.toolVersion)),
            ("informationUri", .string(SARIFReporter.informationURI)),
            ("rules", .array(context.rules.map(SARIFReporter.ruleJSON) + toolRules)),
        ])
        var invocation: [(String, JSON)] = [
            ("executionSuccessful", .bool(notifications.isEmpty)),
            ("exitCode", .int(Int(summary.exitCode))),
        ]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        let run: JSON = .object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([.object(invocation)])),
            ("originalUriBaseIds", .object([(SARIFReporter.sourceRoot, .object([("uri", .string(SARIFReporter.directoryURI(FileManager.default.currentDirectoryPath)))]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        let log: JSON = .object([
            ("$schema", .string(SARIFReporter.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.serialized() + "\n"
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .suggestion: return "note"
        }
    }

    func resultJSON(_ f: Finding, artifact: JSON) -> JSON {
        var region: [(String, JSON)]
        if f.documentLevel {
            // The statement as a whole: SARIF viewers need a line, so point at its start.
            region = [("startLine", .int(1)), ("startColumn", .int(1))]
        } else {
            region = [
                ("startLine", .int(f.start.line)), ("startColumn", .int(f.start.column)),
                ("endLine", .int(f.end.line)), ("endColumn", .int(f.end.column)),
                ("byteOffset", .int(f.range.lowerBound)), ("byteLength", .int(f.range.count)),
            ]
        }
        var pairs: [(String, JSON)] = [("ruleId", .string(f.qualifiedID))]
        if let i = ruleIndex[f.qualifiedID] { pairs.append(("ruleIndex", .int(i))) }
        pairs += [
            ("level", .string(SARIFReporter.level(f.severity))),
            ("message", .object([("text", .string(f.message))])),
            ("locations", .array([.object([("physicalLocation", .object([
                ("artifactLocation", artifact),
                ("region", .object(region)),
            ]))])])),
            ("partialFingerprints", .object([(SARIFReporter.fingerprintKey, .string(f.fingerprint))])),
        ]
        if let fix = f.fix {
            var replacement: [(String, JSON)] = [
                ("deletedRegion", .object([("byteOffset", .int(fix.range.lowerBound)), ("byteLength", .int(fix.range.count))])),
            ]
            // An absent insertedContent is SARIF's way of saying "delete".
            if !fix.replacement.isEmpty { replacement.append(("insertedContent", .object([("text", .string(fix.replacement))]))) }
            let description = fix.replacement.isEmpty ? "Delete \"\(f.matchedText)\"" : "Replace \"\(f.matchedText)\" with \"\(fix.replacement)\""
            pairs.append(("fixes", .array([.object([
                ("description", .object([("text", .string(description))])),
                ("artifactChanges", .array([.object([
                    ("artifactLocation", artifact),
                    ("replacements", .array([.object(replacement)])),
                ])])),
                ("properties", .object([("safety", .string(fix.safety.rawValue))])),
            ])])))
        }
        if let reason = f.suppression {
            pairs.append(("suppressions", .array([.object([("kind", .string("inSource")), ("justification", .string(reason))])])))
        }
        var properties: [(String, JSON)] = []
        if !f.suggestions.isEmpty { properties.append(("suggestions", .array(f.suggestions.map(JSON.string)))) }
        if let advice = f.advice { properties.append(("advice", .string(advice))) }
        if let element = f.element { properties.append(("element", .string(element))) }
        if !properties.isEmpty { pairs.append(("properties", .object(properties))) }
        return .object(pairs)
    }

    static func ruleJSON(_ r: Rule) -> JSON {
        let rationale = r.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        var help = [rationale]
        if let advice = r.advice { help.append(advice) }
        if !r.suggestions.isEmpty { help.append("Instead: " + r.suggestions.joined(separator: "; ")) }
        switch r.check {
        case .forbid(_, let fix?):
            help.append(fix.replace.isEmpty ? "Fix (\(fix.safety.rawValue)): delete the match." : "Fix (\(fix.safety.rawValue)): replace with \"\(fix.replace)\".")
        case .swap(let entries, let safety):
            let replacements = entries.map { "\"\($0.replacement)\"" }
            help.append("Fix (\(safety.rawValue)): replace with " + (replacements.count == 1 ? replacements[0] : "the matching one of " + replacements.joined(separator: ", ")) + ".")
        default: break
        }
        var pairs: [(String, JSON)] = [
            ("id", .string(r.qualifiedID)),
            ("name", .string(r.id)),
            ("shortDescription", .object([("text", .string(r.message))])),
            ("fullDescription", .object([("text", .string(rationale))])),
            ("help", .object([("text", .string(help.joined(separator: "\n\n")))])),
        ]
        if let link = r.link { pairs.append(("helpUri", .string(link))) }
        pairs += [
            ("defaultConfiguration", .object([("level", .string(level(r.severity)))])),
            ("properties", .object([
                ("category", .string(r.category.rawValue)),
                ("kind", .string(r.kind.rawValue)),
                ("source", .string(r.source)),
                ("tags", .array([.string(r.category.rawValue)])),
            ])),
        ]
        return .object(pairs)
    }

    static func toolRuleJSON(_ f: Finding) -> JSON {
        var pairs: [(String, JSON)] = [("id", .string(f.qualifiedID)), ("name", .string(f.ruleID))]
        if let advice = f.advice { pairs.append(("help", .object([("text", .string(advice))]))) }
        pairs += [
            ("defaultConfiguration", .object([("level", .string(level(f.severity)))])),
            ("properties", .object([("category", .string(f.category.rawValue)), ("tags", .array([.string(f.category.rawValue)]))])),
        ]
        return .object(pairs)
    }

    /// Where a file is: relative paths stay relative to `%SRCROOT%` (the directory the run
    /// started in), absolute ones become `file://` URIs.
    static func artifactLocation(_ path: String) -> JSON {
        if path.hasPrefix("/") { return .object([("uri", .string("file://" + percentEncode(path)))]) }
        return .object([("uri", .string(percentEncode(path))), ("uriBaseId", .string(sourceRoot))])
    }

    static func directoryURI(_ path: String) -> String {
        "file://" + percentEncode(path.hasSuffix("/") ? path : path + "/")
    }

    /// Keeps RFC 3986 unreserved characters and `/`; everything else is percent-encoded
    /// as UTF-8, so spaces, `%`, `#`, `?` and a `:` in a relative path cannot change the URI's meaning.
    static func percentEncode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
