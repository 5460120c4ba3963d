import Foundation
import Testing

/// The text of a documentation file, by its path in the repository.
func documentationFile(_ path: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
}

/// The body of the generated block `tag` (between `<!-- tag:begin -->` and `<!-- tag:end -->`) in `text`.
func generatedBlock(_ tag: String, in text: String) throws -> String {
    let begin = try #require(text.range(of: "<!-- \(tag):begin -->\n"), "no '\(tag)' block")
    let end = try #require(text.range(of: "<!-- \(tag):end -->", range: begin.upperBound..<text.endIndex), "'\(tag)' block not closed")
    return String(text[begin.upperBound..<end.lowerBound])
}

/// The documentation lists the rules from the rules themselves, never written twice.
@Suite struct ReadmeTests {
    @Test func ruleListIsGeneratedFromRules() throws {
        let documented = try generatedBlock("rules", in: documentationFile("docs/rules.md"))
        let generated = try statementlint(["rules", "--format", "markdown"])
        #expect(generated.status == 0)
        #expect(documented == generated.stdout.trimmingCharacters(in: .newlines) + "\n", "run Scripts/update-docs")
    }

    /// The tuning and held-out tables are the accuracy script's output.
    @Test(arguments: ["tuning", "heldout"]) func accuracyTablesAreTheScripts(set: String) throws {
        let documented = try generatedBlock(set, in: documentationFile("docs/accuracy.md"))
        let r = try python3([packageRoot.appendingPathComponent("Scripts/accuracy").path, "--set", set, "--markdown", "--binary", binary.path])
        #expect(documented == r.stdout.trimmingCharacters(in: .newlines) + "\n", "run Scripts/update-docs")
    }

    /// Every generated block (the element table and the labelled sets as well) is what
    /// `Scripts/update-docs` writes now: its check mode finds nothing stale and writes nothing.
    @Test func everyGeneratedBlockIsCurrent() throws {
        let files = ["docs/rules.md", "docs/rule-format.md", "docs/accuracy.md"]
        let before = try files.map(documentationFile)
        let r = try python3([packageRoot.appendingPathComponent("Scripts/update-docs").path, "--check", "--binary", binary.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try files.map(documentationFile) == before, "--check must not write")
    }

    /// The element table names exactly the elements the built-in rules check, each with its rules.
    @Test func elementTableIsTheRules() throws {
        let block = try generatedBlock("elements", in: documentationFile("docs/rule-format.md"))
        let rules = try statementlint(["rules", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(rules.stdout.utf8)) as? [[String: Any]])
        var byElement: [String: [String]] = [:]
        for rule in list {
            if let element = rule["element"] as? String { byElement[element, default: []].append(rule["qualifiedId"] as! String) }
        }
        #expect(!byElement.isEmpty)
        #expect(block.hasPrefix("The built-in rules check \(byElement.count) elements:\n"))
        let rows = block.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == byElement.count)
        for (element, ids) in byElement {
            #expect(rows.contains { row in row.hasPrefix("| `\(element)` | ") && ids.allSatisfy { id in row.contains("`\(id)`") } }, "\(element)")
        }
    }

    /// Counts are generated, never typed: outside the generated blocks, the README and the
    /// documentation (apart from the dated measurements of the performance pages) give no
    /// number of rules, examples or elements.
    @Test func noTypedCounts() throws {
        let files = ["README.md"] + (try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("docs").path))
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("performance") }.map { "docs/" + $0 }
        let typed = try NSRegularExpression(pattern: #"\b\d[\d,]*\s+(?:rules|examples|elements|rule files)\b"#)
        for file in files {
            var text = try documentationFile(file)
            while let begin = text.range(of: #"<!-- [a-z-]+:begin -->"#, options: .regularExpression),
                  let end = text.range(of: #"<!-- [a-z-]+:end -->"#, options: .regularExpression, range: begin.upperBound..<text.endIndex) {
                text.removeSubrange(begin.lowerBound..<end.upperBound)
            }
            let found = typed.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
            #expect(found.isEmpty, "\(file) types a count by hand: \(found); generate it (Scripts/update-docs) or leave it out")
        }
    }

    /// docs/usage.md documents every option of `lint` and every subcommand that `--help` lists.
    @Test func usageCoversEveryOptionAndCommand() throws {
        let usage = try documentationFile("docs/usage.md")
        let lintHelp = try statementlint(["lint", "--help"])
        #expect(lintHelp.status == 0)
        let option = try NSRegularExpression(pattern: #"(?<![\w-])--[a-z][a-z-]*"#)
        let options = Set(option.matches(in: lintHelp.stdout, range: NSRange(lintHelp.stdout.startIndex..., in: lintHelp.stdout))
            .map { String(lintHelp.stdout[Range($0.range, in: lintHelp.stdout)!]) }).subtracting(["--help", "--version"])
        #expect(options.count >= 10)
        for name in options.sorted() {
            #expect(usage.range(of: name + #"(?![\w-])"#, options: .regularExpression) != nil, "docs/usage.md does not mention \(name)")
        }
        let help = try statementlint(["--help"])
        let listing = help.stdout.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first ?? ""
        let command = try NSRegularExpression(pattern: #"(?m)^  ([a-z][a-z-]*)(?: \(default\))?  "#)
        let commands = command.matches(in: listing, range: NSRange(listing.startIndex..., in: listing)).map { String(listing[Range($0.range(at: 1), in: listing)!]) }
        #expect(commands.contains("lint") && commands.contains("rules"))
        for command in commands where command != "help" {
            #expect(usage.contains("statementlint \(command)") || (command == "lint" && usage.contains("statementlint [lint]")), "docs/usage.md does not show \(command)")
        }
    }

    /// The README stays a front door: what it is, the two commands, a tour and links.
    @Test func readmeIsShort() throws {
        let readme = try documentationFile("README.md")
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).count - (readme.hasSuffix("\n") ? 1 : 0)
        #expect(lines <= 150, "README.md has \(lines) lines; move detail to docs/")
        #expect(readme.contains("<!-- tour:begin -->") && readme.contains("<!-- tour:end -->"))
    }

    @Test func quickStartIsTwoCommands() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Quick start").dropFirst().first?.components(separatedBy: "\n## ").first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let commands = block.split(separator: "\n").map { $0.split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }
        #expect(commands == ["bash Scripts/quickstart", "swift test"])
        let ci = try String(contentsOf: packageRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.hasSuffix("\nswift test\n"), "CI runs the README's test command")
    }
}

/// `Scripts/quickstart` shows the build's progress as it comes (a first build takes minutes),
/// then checks the sample. A stand-in `swift` on the PATH prints progress lines slowly and
/// points at the binary under test, so this runs in seconds.
@Suite struct QuickstartTests {
    @Test func quickstartShowsTheBuildsProgress() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fakeSwift = dir.appendingPathComponent("swift")
        try """
        #!/usr/bin/env bash
        case " $* " in
          *" --show-bin-path "*) echo '\(binary.deletingLastPathComponent().path)' ;;
          *) for step in "[1/3] Compiling StatementLintRules Regex.swift" "[2/3] Compiling StatementLintCore Linter.swift" "[3/3] Linking statementlint"; do
               echo "$step"; sleep 0.2
             done
             echo "Build of product 'statementlint' complete! (0.60s)" ;;
        esac

        """.write(to: fakeSwift, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeSwift.path)
        let path = dir.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let r = try statementlint(["bash", "Scripts/quickstart"], env: ["PATH": path], executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(5)) == [
            "Building statementlint (release; the first build takes several minutes) ...",
            "[1/3] Compiling StatementLintRules Regex.swift",
            "[2/3] Compiling StatementLintCore Linter.swift",
            "[3/3] Linking statementlint",
            "Build of product 'statementlint' complete! (0.60s)",
        ])
        #expect(lines.contains("$ statementlint Samples/officer-shooting-flawed.txt"))
        #expect(r.stdout.hasSuffix("statementlint found problems (exit 1), as expected for a flawed draft. The binary is at \(binary.path)\n"))
    }
}

/// The links of the README and the documentation resolve in a clone: no `../shared/` paths,
/// every relative Markdown link names a file that is here, and a link to a heading of a
/// Markdown file names a heading that file has (GitHub's anchors).
@Suite struct ReadmeLinkTests {
    static var documents: [String] {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("docs").path)) ?? []
        return ["README.md", "Benchmarks/README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }

    /// The relative link targets of a Markdown text (code blocks and code spans left out).
    static func links(in text: String) -> [String] {
        var prose = ""
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle(); continue }
            if !inFence { prose += line.replacingOccurrences(of: #"`[^`]*`"#, with: "", options: .regularExpression) + "\n" }
        }
        let link = try! NSRegularExpression(pattern: #"\]\(([^)\s]+)\)"#)
        return link.matches(in: prose, range: NSRange(prose.startIndex..., in: prose)).map { String(prose[Range($0.range(at: 1), in: prose)!]) }
            .filter { !$0.contains("://") && !$0.hasPrefix("mailto:") }
    }

    /// GitHub's anchors for the headings of a Markdown text: lower case, punctuation dropped,
    /// spaces as hyphens, a repeated heading numbered from -1.
    static func anchors(in text: String) -> Set<String> {
        var seen: [String: Int] = [:]
        var result: Set<String> = []
        var inFence = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("```") { inFence.toggle(); continue }
            guard !inFence, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            let slug = String(title.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == " " }
                .map { $0 == " " ? "-" : Character($0) })
            let n = seen[slug, default: 0]
            seen[slug] = n + 1
            result.insert(n == 0 ? slug : "\(slug)-\(n)")
        }
        return result
    }

    @Test func readmeLinksStayInsideTheRepository() throws {
        let readme = try documentationFile("README.md")
        #expect(!readme.contains("../shared"))
        #expect(readme.contains("[docs/guidance.md](docs/guidance.md)"))
        for doc in ["usage", "output-formats", "configuration", "pre-commit", "rules", "rule-format", "accuracy", "performance", "contributing"] {
            #expect(readme.contains("(docs/\(doc).md)"), "README links to docs/\(doc).md")
        }
    }

    @Test(arguments: documents) func linksResolve(document: String) throws {
        let text = try documentationFile(document)
        let local = Self.links(in: text)
        if document == "README.md" { #expect(local.count >= 10) }
        for target in local {
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            // The target's path from the package root: the document's folder, then the link's parts.
            var components = parts[0].isEmpty ? document.split(separator: "/").map(String.init)
                : document.split(separator: "/").dropLast().map(String.init) + parts[0].split(separator: "/").map(String.init)
            var resolved: [String] = []
            var outside = false
            for c in components where c != "." {
                if c == ".." { if resolved.popLast() == nil { outside = true } } else { resolved.append(c) }
            }
            components = resolved
            let file = components.joined(separator: "/")
            #expect(!outside, "\(document) links outside the repository: \(target)")
            let path = packageRoot.appendingPathComponent(file).path
            #expect(FileManager.default.fileExists(atPath: path), "\(document) links to missing \(target)")
            if parts.count == 2, file.hasSuffix(".md"), let linked = try? documentationFile(file) {
                #expect(Self.anchors(in: linked).contains(parts[1]), "\(document) links to \(target), which has no heading '\(parts[1])'")
            }
        }
    }
}
