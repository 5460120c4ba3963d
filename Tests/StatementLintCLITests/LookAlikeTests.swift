import Foundation
import Testing

/// Issue 23, item 10: characters that look like nothing, or like ASCII, must not let a phrase
/// dodge a rule; the finding still points at the bytes as written.
@Suite struct LookAlikeTests {
    /// "Shots were fired" with one disguise inside "Shots" (or, for the dash, a compound).
    static let disguises: [(name: String, shots: String)] = [
        ("left-to-right mark", "Sh\u{200E}ots"),
        ("right-to-left mark", "Sh\u{200F}ots"),
        ("left-to-right embedding", "Sh\u{202A}ots"),
        ("right-to-left override", "Sh\u{202E}ots"),
        ("first strong isolate", "Sh\u{2068}ots"),
        ("pop directional isolate", "Sh\u{2069}ots"),
        ("Arabic letter mark", "Sh\u{061C}ots"),
        ("combining grapheme joiner", "Sh\u{034F}ots"),
        ("variation selector 16", "Sh\u{FE0F}ots"),
        ("Mongolian vowel separator", "Sh\u{180E}ots"),
        ("invisible times", "Sh\u{2062}ots"),
        ("function application", "Sh\u{2061}ots"),
        ("Hangul filler", "Sh\u{3164}ots"),
        ("halfwidth Hangul filler", "Sh\u{FFA0}ots"),
        ("Hangul choseong filler", "Sh\u{115F}ots"),
        ("tag character", "Sh\u{E0041}ots"),
        ("fullwidth letters", "\u{FF33}\u{FF48}\u{FF4F}\u{FF54}\u{FF53}"),
    ]

    @Test func invisibleAndFullwidthCharactersDoNotHideAPhrase() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, d) in Self.disguises.enumerated() {
            // é before the phrase: columns count characters, offsets bytes.
            let text = "Café Row, 9 p.m.: \(d.shots) were fired at the car.\n"
            try text.write(to: dir.appendingPathComponent(String(format: "%02d.txt", i)), atomically: true, encoding: .utf8)
        }
        let run = try statementlint(["--format", "json", "--only", "shots-were-fired", dir.path])
        #expect(run.status == 1, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == Self.disguises.count)
        for file in files {
            let name = (file["path"] as! String as NSString).lastPathComponent
            let d = Self.disguises[Int(name.prefix(2))!]
            let findings = file["findings"] as? [[String: Any]] ?? []
            let hit = findings.first { $0["ruleId"] as? String == "shots-were-fired" }
            #expect(hit != nil, "\(d.name): not found")
            guard let hit else { continue }
            let start = hit["start"] as! [String: Any], end = hit["end"] as! [String: Any]
            let prefix = "Café Row, 9 p.m.: "
            #expect(start["offset"] as? Int == prefix.utf8.count, "\(d.name)")
            #expect(start["column"] as? Int == prefix.count + 1, "\(d.name)")
            #expect(end["offset"] as? Int == prefix.utf8.count + "\(d.shots) were fired".utf8.count, "\(d.name)")
            #expect(hit["matchedText"] as? String == "\(d.shots) were fired", "\(d.name)")
        }
    }

    @Test func anEmDashInsideACompoundReadsAsAHyphen() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("dash.txt")
        // Joined compound: read as "officer-involved". Spaced dash: punctuation, left alone.
        try "An officer\u{2014}involved shooting took place on Elm Road.\nThe officer \u{2014} involved since 2019 \u{2014} was on patrol.\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try statementlint(["--format", "json", "--only", "officer-involved-shooting", file.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = ((json["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
        let lines = findings.compactMap { ($0["start"] as? [String: Any])?["line"] as? Int }
        #expect(lines == [1], "\(run.stdout)")
        #expect(findings.first?["matchedText"] as? String == "An officer\u{2014}involved shooting")
    }
}
