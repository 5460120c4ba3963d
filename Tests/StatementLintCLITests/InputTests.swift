import Foundation
import Testing

/// Inputs that are not statements statementlint can check: empty files, other formats, and
/// folders with nothing in them. Each is named once, with what to do, and the run exits 2.
@Suite struct InputTests {
    static let saveAsText = "save the statement as plain text (.txt) and check that file"
    static let html = "this is an HTML page; HTML is not read, as its markup would be checked as prose: save the statement as plain text (.txt) or Markdown (.md) and check that file"

    /// A file of every kind that is not a statement, recognised by its first bytes or its name.
    static let formats: [(name: String, bytes: [UInt8], message: String)] = [
        ("draft.docx", Array("PK\u{3}\u{4}\u{14}\u{0}\u{0}\u{0}[Content_Types].xml word/document.xml".utf8),
         "this is a Word document; Word documents are not read yet: \(saveAsText)"),
        // The first bytes win over the name: a Word document renamed to .txt is still one.
        ("renamed.txt", Array("PK\u{3}\u{4}\u{14}\u{0}\u{0}\u{0}word/document.xml".utf8),
         "this is a Word document; Word documents are not read yet: \(saveAsText)"),
        ("draft.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
         "this is a Word 97-2003 document; Word documents are not read yet: \(saveAsText)"),
        ("draft.odt", Array("PK\u{3}\u{4}mimetypeapplication/vnd.oasis.opendocument.text".utf8),
         "this is an OpenDocument text; OpenDocument files are not read yet: \(saveAsText)"),
        ("draft.rtf", Array("{\\rtf1\\ansi Shots were fired.}".utf8),
         "this is a Rich Text (RTF) document; RTF is not read yet: \(saveAsText)"),
        ("draft.pdf", Array("%PDF-1.7\n%âãÏÓ\n".utf8),
         "this is a PDF; PDFs are not read: copy the statement's text into a plain-text file (.txt) and check that file"),
        ("release.html", Array("<p>Shots were fired.</p>\n".utf8), html),
        ("release.txt", Array("\u{FEFF}\n  <!DOCTYPE html>\n<html><body>Shots were fired.</body></html>\n".utf8), html),
        ("scan.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
         "this is an image (PNG), not text: check the statement's text, saved as a .txt or .md file"),
        ("photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0],
         "this is an image (JPEG), not text: check the statement's text, saved as a .txt or .md file"),
        ("utf16.txt", [0xFF, 0xFE] + Array("Shots".utf8).flatMap { [$0, 0] },
         "this is UTF-16 text, which is not read: save it as UTF-8 plain text and check it again"),
        ("statements.zip", Array("PK\u{3}\u{4}\u{14}\u{0}a.txt".utf8),
         "this is a ZIP archive, not a statement: unpack it and check the .txt or .md files inside"),
    ]

    @Test(arguments: formats.indices)
    func filesThatAreNotPlainTextAreNamedWithWhatToDo(_ index: Int) throws {
        let (name, bytes, message) = InputTests.formats[index]
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(bytes).write(to: dir.appendingPathComponent(name))
        try Data(badStatement.utf8).write(to: dir.appendingPathComponent("good.txt"))
        let r = try statementlint(absoluteFixtureRules + ["--no-config", name, "good.txt"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "\(name): error: \(message)\n")
        // The other file is still checked; the summary does not count this one as checked.
        #expect(r.stdout.contains("good.txt:3:11: error: 'shots were fired' hides who fired."))
        #expect(r.stdout.hasSuffix("\n1 file checked: 1 error, 0 warnings, 0 suggestions; 1 file not checked\n"))
        #expect(!r.stdout.contains("checklist for \(name)"))
    }

    /// A Markdown statement with HTML comments and tags is checked as always.
    @Test func markdownWithHTMLIsStillChecked() throws {
        let r = try statementlint(fixtureRules + ["--stdin-filename", "update.md", "-"],
                                  stdin: "<!-- draft 2 -->\n<b>Update</b>\n\nAt 9 p.m. shots were fired.\n")
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("update.md:4:11: error: 'shots were fired' hides who fired."))
    }

    /// An empty or blank file is named once as empty (not with a finding for every missing
    /// element) and the run exits 2.
    @Test func emptyAndBlankFilesAreReportedOnce() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        try Data(" \n\t\r\n\n".utf8).write(to: dir.appendingPathComponent("blank.txt"))
        try Data([0xEF, 0xBB, 0xBF, 0x0A]).write(to: dir.appendingPathComponent("bom.md"))
        // With the built-in pack, which has 22 required elements.
        let r = try statementlint(["--no-config", "empty.txt", "blank.txt", "bom.md"], cwd: dir)
        #expect(r.status == 2)
        let empty = "error: the file is empty: there is no statement to check"
        #expect(r.stderr == "empty.txt: \(empty)\nblank.txt: \(empty)\nbom.md: \(empty)\n")
        #expect(r.stdout == "empty.txt: \(empty)\nblank.txt: \(empty)\nbom.md: \(empty)\n0 files checked: 0 errors, 0 warnings, 0 suggestions; 3 files not checked\n")

        let stdin = try statementlint(["--no-config", "-"], stdin: "\n\n")
        #expect(stdin.status == 2)
        #expect(stdin.stderr == "<stdin>: \(empty)\n")
    }

    /// JSON for a file that could not be checked: its reason, every principle `not-checked`,
    /// and counted as unreadable, not as checked; findings are counted apart from files.
    @Test func jsonForAFileThatCouldNotBeChecked() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("%PDF-1.4\n".utf8).write(to: dir.appendingPathComponent("draft.pdf"))
        try Data(badStatement.utf8).write(to: dir.appendingPathComponent("good.txt"))
        let r = try statementlint(absoluteFixtureRules + ["--no-config", "--format", "json", "draft.pdf", "good.txt"], cwd: dir)
        #expect(r.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(object["schemaVersion"] as? Int == 2)
        let files = object["files"] as! [[String: Any]]
        #expect((files[0]["errors"] as? [String])?.first?.hasPrefix("this is a PDF;") == true)
        #expect((files[0]["checklist"] as! [[String: Any]]).map { $0["status"] as! String } == Array(repeating: "not-checked", count: 5))
        #expect((files[1]["checklist"] as! [[String: Any]]).map { $0["status"] as! String } == ["ok", "ok", "attention", "ok", "ok"])
        let summary = object["summary"] as! [String: Any]
        #expect(summary["files"] as? Int == 1)
        #expect(summary["unreadableFiles"] as? Int == 1)
        #expect(summary["incompleteFiles"] as? Int == 0)
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["filesWithErrors"] == nil)
        #expect(r.stdout.contains("\"summary\": {\n    \"files\": 1,\n    \"unreadableFiles\": 1,\n    \"incompleteFiles\": 0,\n    \"errors\": 1,\n"))
        try expectValid(r.stdout, schema: packageRoot.appendingPathComponent("schemas/statementlint-output.schema.json"))
    }

    /// A folder with no statement to check fails the run with a message on standard error,
    /// whether it holds none or the configuration excludes them all.
    @Test func aFolderWithNoStatementsFails() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let none = dir.appendingPathComponent("none")
        try FileManager.default.createDirectory(at: none.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: none.appendingPathComponent("notes.json"))
        let message = "error: no statements to check (no *.txt or *.md file, or all are excluded by the configuration)"
        let r = try statementlint(absoluteFixtureRules + ["none"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "none: \(message)\n")
        #expect(r.stdout == "0 files checked: 0 errors, 0 warnings, 0 suggestions\n")

        let excluded = dir.appendingPathComponent("excluded")
        try FileManager.default.createDirectory(at: excluded.appendingPathComponent("archive"), withIntermediateDirectories: true)
        try Data(goodStatement.utf8).write(to: excluded.appendingPathComponent("archive/old.txt"))
        try Data("exclude: [\"archive/**\"]\n".utf8).write(to: excluded.appendingPathComponent(".statementlint.yml"))
        let all = try statementlint(absoluteFixtureRules + ["--format", "json", "excluded/", "none"], cwd: dir)
        #expect(all.status == 2)
        #expect(all.stderr == "excluded/: \(message)\nnone: \(message)\n")

        // A folder with a statement in it is checked as usual.
        try Data(goodStatement.utf8).write(to: none.appendingPathComponent("sub/new.txt"))
        let found = try statementlint(absoluteFixtureRules + ["none"], cwd: dir)
        #expect(found.status == 0)
        #expect(found.stderr == "")
    }
}
