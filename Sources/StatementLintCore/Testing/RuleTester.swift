/// Runs every rule's own examples: `flag` examples must trigger exactly at the ⟦marked⟧
/// spans (and fix to `fixed:`), `pass` examples must not trigger. Each example also runs
/// with an emoji prefix, so a byte/character offset mix-up cannot hide.
public enum RuleTester {
    public struct Failure: Sendable, CustomStringConvertible {
        public let rule: Rule
        public let line: Int
        public let message: String
        public var description: String { "\(rule.origin):\(line): \(rule.qualifiedID): \(message)" }
    }

    public static let markerOpen = "⟦"
    public static let markerClose = "⟧"
    static let prefixes = ["", "😀 "]

    /// Removes ⟦ ⟧ markers; returns the clean text and the marked byte ranges.
    public static func parseMarkers(_ marked: String) -> (text: String, spans: [Range<Int>]) {
        var clean: [UInt8] = []
        var spans: [Range<Int>] = []
        var open: Int?
        for ch in marked.unicodeScalars {
            if String(ch) == markerOpen { open = clean.count; continue }
            if String(ch) == markerClose, let o = open { spans.append(o..<clean.count); open = nil; continue }
            clean.append(contentsOf: String(ch).utf8)
        }
        return (String(decoding: clean, as: UTF8.self), spans)
    }

    /// Marks `ranges` in `text` with ⟦ ⟧, for messages.
    public static func mark(_ text: String, _ ranges: [Range<Int>]) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var at = 0
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where r.lowerBound >= at && r.upperBound <= bytes.count {
            out += bytes[at..<r.lowerBound] + Array(markerOpen.utf8) + bytes[r] + Array(markerClose.utf8)
            at = r.upperBound
        }
        out += bytes[at...]
        return String(decoding: out, as: UTF8.self)
    }

    /// A statement context's example that it does not detect, or detects where it must not.
    public struct ContextFailure: Sendable, CustomStringConvertible {
        public let tag: String
        public let message: String
        public var description: String { "contexts.yml: \(tag): \(message)" }
    }

    /// Runs every context's `detect` and `not` examples.
    public static func test(contexts: [ContextTag]) -> (examples: Int, failures: [ContextFailure]) {
        var failures: [ContextFailure] = []
        var count = 0
        let scratch = MatchScratch(maxCaptures: 64)
        let pack = ContextPack(contexts)
        for gated in pack.tags {
            let tag = gated.tag
            for (text, wanted) in tag.detectExamples.map({ ($0, true) }) + tag.notExamples.map({ ($0, false) }) {
                count += 1
                let doc = Document(path: "contexts.yml", string: text)
                let found = doc.text.withUnsafeBufferPointer { t in
                    StatementContexts.detect(gated, doc: doc, text: t, present: pack.present(in: t), scratch: scratch) != nil
                }
                if found != wanted {
                    failures.append(ContextFailure(tag: tag.name, message: wanted ? "detect example not detected: \"\(text)\"" : "not example detected: \"\(text)\""))
                }
            }
        }
        return (count, failures)
    }

    public static func test(_ rules: [Rule], contexts: [ContextTag]? = nil) -> (examples: Int, failures: [Failure]) {
        var failures: [Failure] = []
        var count = 0
        for rule in rules {
            let linter = Linter(rules: [rule])
            if let contexts { linter.contexts = contexts }
            let scratch = linter.makeScratch()
            for ex in rule.flagExamples {
                count += 1
                let (clean, spans) = parseMarkers(ex.text)
                for prefix in prefixes {
                    let shift = prefix.utf8.count
                    let text = prefix + clean
                    let result = linter.lint(Document(path: rule.origin, string: text), scratch: scratch)
                    let what = prefix.isEmpty ? "" : " (with an emoji prefix)"
                    if let e = result.errors.first { failures.append(Failure(rule: rule, line: ex.line, message: e.message)); break }
                    let got = result.findings.map(\.range)
                    if spans.isEmpty {
                        if got.isEmpty { failures.append(Failure(rule: rule, line: ex.line, message: "flag example did not trigger\(what)")); break }
                    } else {
                        let want = spans.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
                        if got != want {
                            let message = got.isEmpty ? "flag example did not trigger\(what): expected \(mark(text, want))"
                                : "flag example reported \(mark(text, got))\(what), expected \(mark(text, want))"
                            failures.append(Failure(rule: rule, line: ex.line, message: message))
                            break
                        }
                    }
                    if let fixed = ex.fixed {
                        let outcome = FixApplier.apply(result.findings, to: Array(text.utf8), safeOnly: false)
                        let after = String(decoding: outcome.bytes, as: UTF8.self)
                        if after != prefix + fixed {
                            failures.append(Failure(rule: rule, line: ex.line, message: "fix gave \"\(after)\"\(what), expected \"\(prefix + fixed)\""))
                            break
                        }
                    }
                }
            }
            for ex in rule.passExamples {
                count += 1
                for prefix in prefixes {
                    let text = prefix + ex.text
                    let result = linter.lint(Document(path: rule.origin, string: text), scratch: scratch)
                    if let e = result.errors.first { failures.append(Failure(rule: rule, line: ex.line, message: e.message)); break }
                    if !result.findings.isEmpty {
                        let what = prefix.isEmpty ? "" : " (with an emoji prefix)"
                        let shown = result.findings.contains(where: \.documentLevel) ? "\"\(text)\"" : mark(text, result.findings.map(\.range))
                        failures.append(Failure(rule: rule, line: ex.line, message: "pass example triggered\(what): \(shown)"))
                        break
                    }
                }
            }
        }
        return (count, failures)
    }
}
