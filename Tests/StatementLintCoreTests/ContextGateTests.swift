import Foundation
import Testing
@testable import StatementLintCore

/// The literal gates on statement contexts never change what is detected: over every statement
/// of ours (samples, held-out and blind sets), each built-in context is found with the gate
/// exactly where its patterns find it without one, and the gates skip most searches.
@Suite struct ContextGateTests {
    @Test(.tags(.sweep)) func gatedDetectionEqualsPlainSearch() throws {
        let root = packageRootURL.appendingPathComponent("Samples")
        var files: [URL] = []
        for dir in ["", "heldout", "blind", "blind2"] {
            let folder = root.appendingPathComponent(dir)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".txt") {
                files.append(folder.appendingPathComponent(name))
            }
        }
        #expect(files.count >= 40)
        let pack = ContextPack(embeddedContexts)
        let tags = pack.tags
        #expect(tags.allSatisfy { $0.patterns.contains { !$0.sets.isEmpty } }, "every context has a gated pattern")
        let scratch = MatchScratch(maxCaptures: 64)
        var skipped = 0, run = 0, found = 0
        for url in Sweep.sample(files, fraction: 0.3) {
            let doc = Document(path: url.lastPathComponent, string: try String(contentsOf: url, encoding: .utf8))
            try doc.text.withUnsafeBufferPointer { text in
                let present = pack.present(in: text)
                for tag in tags {
                    let gated = StatementContexts.detect(tag, doc: doc, text: text, present: present, scratch: scratch)
                    // Without gates: the first pattern that matches, then no `unless` match.
                    var evidence: Range<Int>?
                    for p in tag.tag.patterns { if let r = try p.firstMatch(in: text, scratch: scratch) { evidence = r; break } }
                    let plain = try evidence != nil && !tag.tag.unless.contains { try $0.firstMatch(in: text, scratch: scratch) != nil }
                    #expect((gated != nil) == plain, "\(tag.tag.name) in \(url.lastPathComponent)")
                    if plain { found += 1 }
                    for p in tag.patterns + tag.unless { if p.mayMatch(present) { run += 1 } else { skipped += 1 } }
                }
            }
        }
        #expect(found > Sweep.scaled(10, fraction: 0.3))
        #expect(skipped > run, "\(skipped) searches skipped, \(run) run")
    }
}
