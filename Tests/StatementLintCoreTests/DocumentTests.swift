import Testing
@testable import StatementLintCore

@Suite struct DocumentTests {
    /// The quick test for suppression directives, which runs over every file, finds the
    /// keyword anywhere (first and last bytes too) and nothing else; line starts are found
    /// after every line feed, CRLF included.
    @Test func keywordScanAndLineStarts() {
        func has(_ s: String) -> Bool { SuppressionScanner.containsKeyword(Array(s.utf8)) }
        #expect(has("statementlint-disable x"))
        #expect(has("Zoë 😀 -- # statementlint-"))
        #expect(has("xstatementlint-"))
        #expect(!has("statementlint"))
        #expect(!has("statementlint disable - statementlint_"))
        #expect(!has("-statementlint"))
        #expect(!has("tatementlint-"))
        #expect(!has(""))
        #expect(!has("---------------"))
        let doc = Document(path: "t", string: "a\r\nbé\n\nc\n")
        #expect(doc.lineStarts == [0, 3, 7, 8, 10])
        #expect(Document(path: "u", string: "no line feed").lineStarts == [0])
    }

    /// Both ends of a range, counted on from the start, are where counting each from its
    /// line's start puts them: across accents, emoji, CRLF, a byte-order mark and line ends.
    @Test func rangeEndsAreCountedOnExactly() {
        let texts = ["\u{FEFF}Zoë 🚓 saw it.\r\nThen Núñez-Ortiz left.\r\n\r\n😀😀 end", "plain ascii text that is long enough to use eight-byte steps\nand a second line",
                     "é", "", "\n\n", "abcdefgh😀abcdefghé\nx"]
        for text in texts {
            let doc = Document(path: "t.txt", string: text)
            let n = doc.original.count
            for a in 0...n {
                for b in a...min(n, a + 40) {
                    let both = doc.positions(ofOriginal: a..<b)
                    #expect(both.start == doc.position(ofOriginal: a) && both.end == doc.position(ofOriginal: b), "\(a)..<\(b) in \(text.debugDescription)")
                }
            }
        }
        let doc = Document(path: "t.txt", string: "Zoë 🚓 saw\r\nit")
        #expect(doc.positions(ofOriginal: 4..<13).end == Position(line: 1, column: 10, utf16Column: 11))
        #expect(doc.positions(ofOriginal: 4..<15).end == Position(line: 2, column: 1, utf16Column: 1))
    }

    func sentences(_ s: String) -> [String] {
        let doc = Document(path: "t.txt", string: s)
        return doc.sentences.map { doc.textString($0) }
    }

    @Test func abbreviationsDoNotEndSentences() {
        let text = "Ofc. Dana Ruiz and Sgt. Lee met Lt. Park, Det. Moss and Capt. Hill of the Dept. of Safety at 600 N. Alder St. near Pine Ave. and Oak Blvd. at 9:40 p.m. on Sunday. Mr. J. R. Ellis Jr. and Mrs. Ellis, Ms. Ortiz and Dr. Shah spoke to the U.S. Attorney at 7 a.m. Monday. Case No. 26-014382 covers 5.5 miles of road. It is open."
        #expect(sentences(text) == [
            "Ofc. Dana Ruiz and Sgt. Lee met Lt. Park, Det. Moss and Capt. Hill of the Dept. of Safety at 600 N. Alder St. near Pine Ave. and Oak Blvd. at 9:40 p.m. on Sunday.",
            "Mr. J. R. Ellis Jr. and Mrs. Ellis, Ms. Ortiz and Dr. Shah spoke to the U.S. Attorney at 7 a.m. Monday.",
            "Case No. 26-014382 covers 5.5 miles of road.",
            "It is open.",
        ])
    }

    @Test func timeAtSentenceEndStillSplits() {
        #expect(sentences("It happened at 9 p.m. Officers arrived later. Really? Yes!") ==
                ["It happened at 9 p.m.", "Officers arrived later.", "Really?", "Yes!"])
        // A name after the time continues the sentence.
        #expect(sentences("At 9 p.m. Zoë Ortiz called. At 7 a.m. Monday we met.") == ["At 9 p.m. Zoë Ortiz called.", "At 7 a.m. Monday we met."])
    }

    @Test func quotesAndParenthesesCloseSentences() {
        #expect(sentences(#"He said "Stop." Then he ran. (Two officers followed.) They stopped."#) ==
                [#"He said "Stop.""#, "Then he ran.", "(Two officers followed.)", "They stopped."])
    }

    @Test func paragraphsAndListItems() {
        let text = "FAIRVIEW POLICE\nMarch 9, 2026\n\nFirst line wraps\nonto the next. Second.\n\n- video by Friday\n- audio by Monday\n"
        let doc = Document(path: "t.txt", string: text)
        #expect(doc.paragraphs.map { doc.textString($0) } == ["FAIRVIEW POLICE\nMarch 9, 2026", "First line wraps\nonto the next. Second.", "- video by Friday\n- audio by Monday"])
        #expect(doc.sentences.map { doc.textString($0) } == ["FAIRVIEW POLICE", "March 9, 2026", "First line wraps\nonto the next.", "Second.", "- video by Friday", "- audio by Monday"])
        #expect(doc.sentenceParagraph == [0, 0, 1, 1, 2, 2])
    }

    @Test func quotedSpans() {
        let text = "A neighbor said “they just opened fire” and left. Our first release said he 'lunged'; the officers' cars were parked. \"Unclosed quote runs on\n\nNew paragraph."
        let doc = Document(path: "t.txt", string: text)
        let quoted = doc.quotes.map { doc.textString($0) }
        #expect(quoted == ["\"they just opened fire\"", "'lunged'", "\"Unclosed quote runs on"])
        let at = { (s: String) in doc.text.firstRange(of: Array(s.utf8))!.lowerBound }
        #expect(doc.isQuoted(at("opened")))
        #expect(!doc.isQuoted(at("neighbor")))
        #expect(doc.isQuoted(at("lunged")))
        #expect(!doc.isQuoted(at("cars")))
        #expect(!doc.isQuoted(at("New paragraph")))
    }

    @Test func positionsWithCRLFAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Line one\r\nshots fired\r\n".utf8)
        let doc = try Document(path: "t.txt", bytes: bytes)
        #expect(doc.bomLength == 3)
        #expect(doc.textString(doc.sentences[0]) == "Line one\r\nshots fired")
        #expect(doc.position(ofOriginal: 3) == Position(line: 1, column: 1, utf16Column: 1))
        let shots = 3 + 10 // BOM + "Line one\r\n"
        #expect(doc.position(ofOriginal: shots) == Position(line: 2, column: 1, utf16Column: 1))
        #expect(doc.lineText(1) == "Line one")
        #expect(doc.lineText(2) == "shots fired")
        #expect(doc.originalRange(0..<4) == 3..<7)
    }

    @Test func columnsInScalarsAndUTF16() {
        let doc = Document(path: "t.txt", string: "é😀 x\nZoë 😀 y")
        // "é" 2 bytes, "😀" 4 bytes, " " 1: "x" at byte 7, scalar column 4, UTF-16 column 5.
        #expect(doc.position(ofOriginal: 7) == Position(line: 1, column: 4, utf16Column: 5))
        // Line 2 starts at byte 9: "Zoë " 5 bytes, "😀 " 5 bytes: "y" at 19.
        #expect(doc.position(ofOriginal: 19) == Position(line: 2, column: 7, utf16Column: 8))
    }

    @Test func invalidUTF8NamesTheFirstBadByte() {
        #expect(throws: DocumentError.invalidUTF8(offset: 1)) { try Document(path: "t", bytes: [0x41, 0xC3, 0x28]) }
        #expect(throws: DocumentError.invalidUTF8(offset: 2)) { try Document(path: "t", bytes: [0x41, 0x42, 0xC0, 0xAF]) } // overlong
        #expect(throws: DocumentError.invalidUTF8(offset: 0)) { try Document(path: "t", bytes: [0xED, 0xA0, 0x80]) } // surrogate
        #expect(throws: DocumentError.invalidUTF8(offset: 3)) { try Document(path: "t", bytes: [0x41, 0x42, 0x43, 0xE2, 0x82]) } // truncated
        #expect(throws: DocumentError.invalidUTF8(offset: 0)) { try Document(path: "t", bytes: [0xF4, 0x90, 0x80, 0x80]) } // > U+10FFFF
        #expect(DocumentError.invalidUTF8(offset: 1).message == "not valid UTF-8 (first bad byte at offset 1)")
    }

    @Test func lookAlikesAreFoldedButPositionsStayOriginal() {
        // Non-breaking hyphen, non-breaking space, zero-width space, soft hyphen, curly apostrophe.
        let text = "An officer\u{2011}involved\u{00A0}sho\u{200B}ot\u{00AD}ing; don\u{2019}t."
        let doc = Document(path: "t.txt", string: text)
        #expect(doc.textString(0..<doc.text.count) == "An officer-involved shooting; don't.")
        let folded = Array("officer-involved shooting".utf8)
        let r = doc.text.firstRange(of: folded)!
        let original = doc.originalRange(r)
        #expect(doc.originalString(original) == "officer\u{2011}involved\u{00A0}sho\u{200B}ot\u{00AD}ing")
        #expect(original == 3..<(3 + "officer\u{2011}involved\u{00A0}sho\u{200B}ot\u{00AD}ing".utf8.count))
    }
}
