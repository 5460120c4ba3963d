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
public enum TextStatistics {
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

    /// Words and syllables of each sentence, counted in one pass.
    static func measure(_ doc: Document) -> [SentenceStatistics] {
        doc.text.withUnsafeBufferPointer { t in
            doc.sentences.map { sentence in
                let s = UnsafeBufferPointer(rebasing: t[sentence])
                var stats = SentenceStatistics(words: 0, syllables: 0)
                forEachWord(in: s) { w in
                    stats.words += 1
                    stats.syllables += syllables(UnsafeBufferPointer(rebasing: s[w]))
                }
                return stats
            }
        }
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
