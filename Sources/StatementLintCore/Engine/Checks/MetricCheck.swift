import Foundation

/// `metric`: sentence length in words, or the statement's Flesch–Kincaid grade.
extension CheckContext {
    mutating func runMetric(_ kind: MetricKind, max: Double) {
        switch kind {
        case .sentenceLength:
            for (sentence, stats) in zip(doc.sentences, doc.sentenceStatistics) where Double(stats.words) > max {
                report(sentence, extra: ["value": String(stats.words), "max": TextStatistics.format(max)])
            }
        case .readingGrade:
            guard let grade = TextStatistics.fleschKincaidGrade(doc), grade > max else { return }
            reportDocument(extra: ["value": TextStatistics.format(grade), "max": TextStatistics.format(max)])
        }
    }
}

/// Word, syllable and readability counts over folded text.
package enum TextStatistics {
    /// Calls `body` with the range of each word: a run of letters and digits, with inner
    /// apostrophes, hyphens and periods ("don't", "officer-involved", "3.5") kept inside.
    static func forEachWord(in t: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var i = 0
        while i < t.count {
            guard let first = wordCharLength(t, i) else { i += scalarLength(t[i]); continue }
            let s = i
            i += first
            while i < t.count {
                if let n = wordCharLength(t, i) { i += n; continue }
                if (t[i] == 0x27 || t[i] == 0x2D || t[i] == 0x2E) && i + 1 < t.count && wordCharLength(t, i + 1) != nil { i += 1; continue }
                break
            }
            body(s..<i)
        }
    }

    static func scalarLength(_ b: UInt8) -> Int { b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1 }

    /// Byte length of the letter or digit at `i`, or nil when it is not one (emoji and
    /// punctuation are not words).
    static func wordCharLength(_ t: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let b = t[i]
        if b < 0x80 { return SentenceSplitter.isLetter(b) || SentenceSplitter.isDigit(b) ? 1 : nil }
        let n = scalarLength(b)
        // Decoded by hand (the text is valid UTF-8): building a String per letter is slow.
        guard n > 1, i + n <= t.count else { return nil }
        var value = UInt32(b) & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07)
        for j in 1..<n { value = value << 6 | UInt32(t[i + j] & 0x3F) }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil ? n : nil
    }

    /// Syllables by vowel groups, the usual heuristic: a silent final "e" does not count,
    /// every word has at least one.
    static func syllables(_ w: UnsafeBufferPointer<UInt8>) -> Int {
        // Counted in place: this runs for every word of every statement.
        var count = 0
        var prevVowel = false
        var last: UInt8 = 0, beforeLast: UInt8 = 0
        var letters = 0
        for b in w where SentenceSplitter.isLetter(b) {
            let c = b | 0x20
            let vowel = c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 || c == 0x79 || b >= 0x80
            if vowel && !prevVowel { count += 1 }
            prevVowel = vowel
            beforeLast = last
            last = c
            letters += 1
        }
        // A silent final "e" ("release"), but not "-le" ("table").
        if last == 0x65 && count > 1 && !(letters >= 2 && beforeLast == 0x6C) { count -= 1 }
        return Swift.max(1, count)
    }

    /// Words and syllables of each sentence.
    static func measure(_ doc: Document) -> [SentenceStatistics] {
        doc.text.withUnsafeBufferPointer { t in
            asciiKind.withUnsafeBufferPointer { kinds in
                doc.sentences.map { measure(UnsafeBufferPointer(rebasing: t[$0]), kinds) }
            }
        }
    }

    static func measure(_ s: UnsafeBufferPointer<UInt8>) -> SentenceStatistics {
        asciiKind.withUnsafeBufferPointer { measure(s, $0) }
    }

    /// What `forEachWord` and `syllables` count, in one pass over the bytes: this runs over
    /// every sentence of every file with a reading-grade rule.
    static func measure(_ s: UnsafeBufferPointer<UInt8>, _ asciiKind: UnsafeBufferPointer<UInt8>) -> SentenceStatistics {
        var stats = SentenceStatistics(words: 0, syllables: 0)
        var i = 0
        let n = s.count
        // `kind` is the table entry of the character at `i` when it is ASCII (looked up once per
        // character), or `multibyte` for a non-ASCII word character of `length` bytes.
        let multibyte: UInt8 = 0xFF
        while i < n {
            let b0 = s[i]
            var kind: UInt8, length = 1
            if b0 < 0x80 {
                kind = asciiKind[Int(b0)]
                guard kind & 1 != 0 else { i += 1; continue }
            } else {
                length = wordCharLength(s, i) ?? 0
                guard length > 0 else { i += scalarLength(b0); continue }
                kind = multibyte
            }
            stats.words += 1
            // Syllables of this word, as `syllables` counts them: over its letters only.
            var count = 0, prevVowel = false, last: UInt8 = 0, beforeLast: UInt8 = 0, letters = 0
            while true {
                if kind != multibyte {
                    if kind & 2 != 0 {
                        let vowel = kind & 4 != 0
                        if vowel && !prevVowel { count += 1 }
                        prevVowel = vowel
                        beforeLast = last
                        last = s[i] | 0x20
                        letters += 1
                    }
                    i += 1
                } else {
                    // Every byte of a non-ASCII letter counts as a vowel letter.
                    for k in i..<(i + length) {
                        if !prevVowel { count += 1 }
                        prevVowel = true
                        beforeLast = last
                        last = s[k] | 0x20
                        letters += 1
                    }
                    i += length
                }
                guard i < n else { break }
                let c = s[i]
                if c < 0x80 {
                    kind = asciiKind[Int(c)]
                    if kind & 1 != 0 { continue }
                    // An inner apostrophe, hyphen or period joins what follows.
                    guard c == 0x27 || c == 0x2D || c == 0x2E, i + 1 < n else { break }
                    let d = s[i + 1]
                    if d < 0x80 {
                        kind = asciiKind[Int(d)]
                        guard kind & 1 != 0 else { break }
                    } else {
                        length = wordCharLength(s, i + 1) ?? 0
                        guard length > 0 else { break }
                        kind = multibyte
                    }
                    i += 1
                } else {
                    length = wordCharLength(s, i) ?? 0
                    guard length > 0 else { break }
                    kind = multibyte
                }
            }
            if last == 0x65 && count > 1 && !(letters >= 2 && beforeLast == 0x6C) { count -= 1 }
            stats.syllables += Swift.max(1, count)
        }
        return stats
    }

    /// For each ASCII byte: 1 a word character (letter or digit), 2 a letter, 4 a vowel
    /// (a, e, i, o, u, y in either case).
    static let asciiKind: [UInt8] = (0..<128).map { b -> UInt8 in
        let c = UInt8(b)
        var kind: UInt8 = 0
        if SentenceSplitter.isLetter(c) { kind |= 3 } else if SentenceSplitter.isDigit(c) { kind |= 1 }
        if "aeiouyAEIOUY".utf8.contains(c) { kind |= 4 }
        return kind
    }

    public static func fleschKincaidGrade(_ doc: Document) -> Double? {
        var wordCount = 0, syllableCount = 0
        for stats in doc.sentenceStatistics {
            wordCount += stats.words
            syllableCount += stats.syllables
        }
        guard wordCount > 0, !doc.sentences.isEmpty else { return nil }
        return 0.39 * Double(wordCount) / Double(doc.sentences.count) + 11.8 * Double(syllableCount) / Double(wordCount) - 15.59
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }
}

struct SentenceStatistics {
    var words: Int
    var syllables: Int
}
