import Foundation
/// Machine output, described by `schemas/statementlint-output.schema.json`. Keys keep a
/// fixed order; `schemaVersion` changes only when the shape does.
struct JSONReporter: RendersFilesAlone {
    public static let identifier = "json"
    let context: ReportContext
    /// Whether the document's head and the first file are written.
    var started = false
    /// Statement-level findings written so far in this run, shared by the workers' copies.
    let written = RenderedFindings()

    public init(context: ReportContext) { self.context = context }

    /// 2: the summary's `filesWithErrors` became `unreadableFiles` and `incompleteFiles`,
    /// `files` counts only files checked, and a file that could not be checked has the
    /// checklist status `not-checked`; findings carry `element`, files `statement` (their
    /// detected contexts) and checklist items `notApplicable`.
    public static let schemaVersion = 2

    var head: String {
        "{\n  \"schemaVersion\": \(JSONReporter.schemaVersion),\n  \"tool\": {\"name\": \"statementlint\", \"version\": \"\(context.toolVersion)\"},\n  \"files\": ["
    }

    public mutating func render(_ file: FileResult) -> String {
        var out: [UInt8] = []
        join(renderAlone(file), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The file's entry, written straight to bytes.
    func renderAlone(_ file: FileResult) -> [UInt8] {
        // About a kilobyte per finding, in the pretty layout.
        var w = JSONWriter(indent: 2, capacity: 1_024 + 1_280 * file.findings.count)
        JSONReporter.writeFile(file, to: &w, written: written)
        return w.bytes
    }

    mutating func join(_ rendered: [UInt8], into out: inout [UInt8]) {
        if !started { out.append(contentsOf: head.utf8) }
        out.append(contentsOf: (started ? ",\n    " : "\n    ").utf8)
        started = true
        out.append(contentsOf: rendered)
    }

    public mutating func finish(_ summary: RunSummary) -> String {
        var text = ""
        JSON.object([
            ("files", .int(summary.files)),
            ("unreadableFiles", .int(summary.unreadableFiles)),
            ("incompleteFiles", .int(summary.incompleteFiles)),
            ("errors", .int(summary.counts[.error] ?? 0)),
            ("warnings", .int(summary.counts[.warning] ?? 0)),
            ("suggestions", .int(summary.counts[.suggestion] ?? 0)),
            ("suppressed", .int(summary.suppressed)),
            ("failLevel", .string(context.failLevel.rawValue)),
            ("exitCode", .int(Int(summary.exitCode))),
        ]).write(into: &text, indent: 1)
        return (started ? "\n  ]" : head + "]") + ",\n  \"summary\": " + text + "\n}\n"
    }

    static func writePosition(_ p: Position, offset: Int, to w: inout JSONWriter) {
        w.beginObject()
        w.key("line"); w.int(p.line)
        w.key("column"); w.int(p.column)
        w.key("utf16Column"); w.int(p.utf16Column)
        w.key("offset"); w.int(offset)
        w.endObject()
    }

    /// A finding about the statement as a whole (a missing element) is, nearly always,
    /// written the same way in every file that has it: its bytes are made once a run and
    /// copied (a tenth of the JSON work over an archive).
    static func writeFinding(_ f: Finding, to w: inout JSONWriter, written: RenderedFindings) {
        guard f.documentLevel, f.fix == nil, f.suppression == nil else { return writeFields(f, to: &w) }
        let layout = w.layout
        if let bytes = written.bytes(for: f, layout: layout) { return w.raw(bytes) }
        var single = JSONWriter(indent: layout, capacity: 1_024)
        writeFields(f, to: &single)
        let bytes = single.bytes
        written.store(bytes, for: f, layout: layout)
        w.raw(bytes)
    }

    static func writeFields(_ f: Finding, to w: inout JSONWriter) {
        w.beginObject()
        w.key("ruleId"); w.string(f.ruleID)
        w.key("qualifiedId"); w.string(joining: f.category.rawValue, 0x2F, f.ruleID)
        w.key("category"); w.string(f.category.rawValue)
        w.key("severity"); w.string(f.severity.rawValue)
        w.key("message"); w.string(f.message)
        w.key("documentLevel"); w.bool(f.documentLevel)
        w.key("element"); w.string(f.element)
        w.key("start"); writePosition(f.start, offset: f.range.lowerBound, to: &w)
        w.key("end"); writePosition(f.end, offset: f.range.upperBound, to: &w)
        w.key("matchedText"); w.string(f.matchedText)
        w.key("sentence"); w.string(f.sentence)
        w.key("fix")
        if let fix = f.fix {
            w.beginObject()
            w.key("start"); w.int(fix.range.lowerBound)
            w.key("end"); w.int(fix.range.upperBound)
            w.key("replacement"); w.string(fix.replacement)
            w.key("safety"); w.string(fix.safety.rawValue)
            w.endObject()
        } else { w.null() }
        w.key("suggestions"); w.beginArray(); for s in f.suggestions { w.string(s) }; w.endArray()
        w.key("advice"); w.string(f.advice)
        w.key("suppressed")
        if let reason = f.suppression { w.beginObject(); w.key("reason"); w.string(reason); w.endObject() } else { w.null() }
        w.endObject()
    }

    static func writeFile(_ r: FileResult, to w: inout JSONWriter, written: RenderedFindings) {
        var totals = RunSummary()
        totals.add(r.findings, errors: [])
        w.beginObject()
        w.key("path"); w.string(r.path)
        w.key("findings"); w.beginArray(); for i in r.findings.indices { writeFinding(r.findings[i], to: &w, written: written) }; w.endArray()
        w.key("errors"); w.beginArray(); for e in r.errors { w.string(e.message) }; w.endArray()
        w.key("summary")
        w.beginObject()
        w.key("errors"); w.int(totals.counts[.error] ?? 0)
        w.key("warnings"); w.int(totals.counts[.warning] ?? 0)
        w.key("suggestions"); w.int(totals.counts[.suggestion] ?? 0)
        w.key("suppressed"); w.int(totals.suppressed)
        w.endObject()
        w.key("statement")
        w.beginArray()
        for c in r.statement {
            w.beginObject()
            w.key("context"); w.string(c.tag)
            w.key("means"); w.string(c.means)
            w.key("setBy"); w.string(c.setByUser ? "user" : "text")
            w.key("evidence"); w.string(c.evidence)
            w.endObject()
        }
        w.endArray()
        w.key("checklist")
        w.beginArray()
        for item in Checklist.evaluate(r.findings, notApplicable: r.notApplicable, threshold: .suggestion) {
            w.beginObject()
            w.key("principle"); w.string(item.principle)
            w.key("title"); w.string(item.title)
            w.key("status"); w.string(r.document == nil ? "not-checked" : item.ok ? "ok" : "attention")
            w.key("findings"); w.int(item.findings)
            w.key("missing"); w.beginArray(); for m in item.missing { w.string(m) }; w.endArray()
            w.key("notApplicable")
            w.beginArray()
            for n in item.notApplicable {
                w.beginObject()
                w.key("rule"); w.string(n.rule)
                w.key("element"); w.string(n.element)
                w.key("why"); w.string(n.why)
                w.key("context"); w.string(n.context.tag)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

/// The JSON of findings about a statement as a whole, by rule and layout, for one run. An
/// entry is used only for a finding equal to the one it was made from in every field
/// (`sameJSON`; `fields` names them, and RenderedFindingTests fails when Finding has a field
/// it does not name); a rule keeps a few entries (a message can carry a count, a
/// configuration can change a severity).
final class RenderedFindings: @unchecked Sendable {
    private struct Entry {
        let finding: Finding
        let layout: Int
        let bytes: [UInt8]
    }
    private let lock = NSLock()
    private var entries: [String: [Entry]] = [:]
    static let perRule = 8

    func bytes(for f: Finding, layout: Int) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        guard let list = entries[f.ruleID] else { return nil }
        for e in list where e.layout == layout && RenderedFindings.sameJSON(e.finding, f) { return e.bytes }
        return nil
    }

    func store(_ bytes: [UInt8], for f: Finding, layout: Int) {
        lock.lock(); defer { lock.unlock() }
        var list = entries[f.ruleID] ?? []
        guard list.count < RenderedFindings.perRule else { return }
        list.append(Entry(finding: f, layout: layout, bytes: bytes))
        entries[f.ruleID] = list
    }

    /// Every stored property of Finding, and how the cache treats it.
    static let fields: [String: String] = [
        "ruleID": "the key", "ruleKind": "not written; one per rule",
        "category": "compared", "severity": "compared", "message": "compared", "range": "compared", "start": "compared",
        "end": "compared", "matchedText": "compared", "sentence": "compared", "fix": "compared", "suggestions": "compared",
        "advice": "compared", "documentLevel": "compared", "suppression": "compared", "element": "compared",
    ]

    /// Whether `writeFields` writes the same bytes for both (the rule id is the key).
    static func sameJSON(_ a: Finding, _ b: Finding) -> Bool {
        a.category == b.category && a.severity == b.severity && a.documentLevel == b.documentLevel
            && a.range == b.range && a.start == b.start && a.end == b.end
            && a.message == b.message && a.advice == b.advice && a.suggestions == b.suggestions
            && a.matchedText == b.matchedText && a.sentence == b.sentence
            && a.fix == b.fix && a.suppression == b.suppression && a.element == b.element
    }
}
