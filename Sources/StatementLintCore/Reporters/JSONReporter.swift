/// Machine output, described by `schemas/statementlint-output.schema.json`. Keys keep a
/// fixed order; `schemaVersion` changes only when the shape does.
public struct JSONReporter: Reporter {
    let context: ReportContext
    var first = true

    public init(context: ReportContext) { self.context = context }

    public mutating func begin() -> String {
        "{\n  \"schemaVersion\": 1,\n  \"tool\": {\"name\": \"statementlint\", \"version\": \"\(context.toolVersion)\"},\n  \"files\": ["
    }

    public mutating func file(_ result: FileResult) -> String {
        let entry = JSONReporter.fileJSON(result, failLevel: result.failLevel)
        var text = ""
        entry.write(into: &text, indent: 2)
        defer { first = false }
        return (first ? "\n    " : ",\n    ") + text
    }

    public mutating func end(_ summary: RunSummary) -> String {
        var text = ""
        JSON.object([
            ("files", .int(summary.files)),
            ("filesWithErrors", .int(summary.filesWithErrors)),
            ("errors", .int(summary.counts[.error] ?? 0)),
            ("warnings", .int(summary.counts[.warning] ?? 0)),
            ("suggestions", .int(summary.counts[.suggestion] ?? 0)),
            ("suppressed", .int(summary.suppressed)),
            ("failLevel", .string(context.failLevel.rawValue)),
            ("exitCode", .int(Int(summary.exitCode))),
        ]).write(into: &text, indent: 1)
        return (first ? "]" : "\n  ]") + ",\n  \"summary\": " + text + "\n}\n"
    }

    static func position(_ p: Position, offset: Int) -> JSON {
        .object([("line", .int(p.line)), ("column", .int(p.column)), ("utf16Column", .int(p.utf16Column)), ("offset", .int(offset))])
    }

    public static func findingJSON(_ f: Finding) -> JSON {
        .object([
            ("ruleId", .string(f.ruleID)),
            ("qualifiedId", .string(f.qualifiedID)),
            ("category", .string(f.category.rawValue)),
            ("severity", .string(f.severity.rawValue)),
            ("message", .string(f.message)),
            ("documentLevel", .bool(f.documentLevel)),
            ("start", position(f.start, offset: f.range.lowerBound)),
            ("end", position(f.end, offset: f.range.upperBound)),
            ("matchedText", .string(f.matchedText)),
            ("sentence", .optional(f.sentence)),
            ("fix", f.fix.map { fix in
                .object([
                    ("start", .int(fix.range.lowerBound)), ("end", .int(fix.range.upperBound)),
                    ("replacement", .string(fix.replacement)), ("safety", .string(fix.safety.rawValue)),
                ])
            } ?? .null),
            ("suggestions", .array(f.suggestions.map(JSON.string))),
            ("advice", .optional(f.advice)),
            ("suppressed", f.suppression.map { .object([("reason", .string($0))]) } ?? .null),
        ])
    }

    static func fileJSON(_ r: FileResult, failLevel: Severity) -> JSON {
        var counts: [Severity: Int] = [:]
        for f in r.findings where f.suppression == nil { counts[f.severity, default: 0] += 1 }
        return .object([
            ("path", .string(r.path)),
            ("findings", .array(r.findings.map(findingJSON))),
            ("errors", .array(r.errors.map { .string($0.message) })),
            ("summary", .object([
                ("errors", .int(counts[.error] ?? 0)),
                ("warnings", .int(counts[.warning] ?? 0)),
                ("suggestions", .int(counts[.suggestion] ?? 0)),
                ("suppressed", .int(r.findings.filter { $0.suppression != nil }.count)),
            ])),
            ("checklist", .array(Checklist.evaluate(r.findings, threshold: failLevel).map { item in
                .object([
                    ("principle", .string(item.principle)), ("title", .string(item.title)),
                    ("status", .string(item.ok ? "ok" : "attention")), ("findings", .int(item.findings)),
                    ("missing", .array(item.missing.map(JSON.string))),
                ])
            })),
        ])
    }
}
