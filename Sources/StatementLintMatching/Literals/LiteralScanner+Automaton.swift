extension LiteralScanner {
    /// The sparse trie of the literals, its nodes listed breadth-first (`order`) and numbered
    /// in that order (`number`).
    struct Trie {
        let firstChild: [Int32], nextSibling: [Int32], label: [UInt8], firstOutput: [Int32]
        let outputLiteral: [Int32], nextOutput: [Int32], order: [Int32], number: [Int32]
    }

    /// The scanning automaton. States are numbered breadth-first, so the shallow ones, where
    /// the scan spends nearly all its time, come first: those have dense rows (one next state
    /// per byte class) that stay in cache. Deeper states list only their trie children and
    /// fall back along failure links, which always lead to shallower states; a full table for
    /// them would be several times larger than the cache and the scan would wait on memory.
    /// The top bit of a stored next state flags a state with outputs.
    struct Automaton<T: FixedWidthInteger> {
        static var denseLimit: Int { 384 }
        let classes: Int
        let denseCount: Int
        let dense: [T]            // denseCount * classes
        let sparseStart: [Int32]  // per deep state: its children in sparseClass/sparseNext
        let sparseClass: [UInt8]
        let sparseNext: [T]
        let deepFail: [T]

        init(_: T.Type, _ trie: Trie, classes k: Int, starts: inout [Int32], ids: inout [Int32]) {
            let states = trie.order.count
            let flag = (T.max >> 1) + 1
            var fail = [Int32](repeating: 0, count: states) // by new number
            // Dense rows, in breadth-first order. Each row starts as a copy of its failure
            // state's row, which is shallower and so already complete; the node's own children
            // then override it. A deep state's failure is found the way the scan moves: its own
            // child, or else its failure state's transition. Also lists each state's outputs:
            // its own literals, then its failure state's (already listed).
            let denseCount = min(states, Automaton.denseLimit)
            var row = [T](repeating: 0, count: denseCount * k)
            func delta(_ s: Int, _ c: UInt8) -> Int32 {
                var t = s
                while t >= denseCount {
                    var child = trie.firstChild[Int(trie.order[t])]
                    while child >= 0 {
                        if trie.label[Int(child)] == c { return trie.number[Int(child)] }
                        child = trie.nextSibling[Int(child)]
                    }
                    t = Int(fail[t])
                }
                return Int32(truncatingIfNeeded: row[t &* k &+ Int(c)])
            }
            for n in 0..<states {
                let o = Int(trie.order[n]), base = n &* k
                if n > 0 && n < denseCount {
                    let f = Int(fail[n]) &* k
                    for c in 0..<k { row[base &+ c] = row[f &+ c] }
                }
                var child = trie.firstChild[o]
                while child >= 0 {
                    let c = trie.label[Int(child)], m = Int(trie.number[Int(child)])
                    fail[m] = n == 0 ? 0 : delta(Int(fail[n]), c)
                    if n < denseCount { row[base &+ Int(c)] = T(truncatingIfNeeded: m) }
                    child = trie.nextSibling[Int(child)]
                }
                starts[n] = Int32(ids.count)
                var out = trie.firstOutput[o]
                while out >= 0 { ids.append(trie.outputLiteral[Int(out)]); out = trie.nextOutput[Int(out)] }
                if n > 0 { let f = Int(fail[n]); for j in Int(starts[f])..<Int(starts[f + 1]) { ids.append(ids[j]) } }
            }
            starts[states] = Int32(ids.count)
            func flagged(_ e: T) -> T { starts[Int(e)] != starts[Int(e) + 1] ? e | flag : e }
            let dense = row.map(flagged)
            var sparseStart: [Int32] = [0], sparseClass: [UInt8] = [], sparseNext: [T] = [], deepFail: [T] = []
            for n in denseCount..<states {
                var child = trie.firstChild[Int(trie.order[n])]
                while child >= 0 {
                    sparseClass.append(trie.label[Int(child)])
                    sparseNext.append(flagged(T(truncatingIfNeeded: trie.number[Int(child)])))
                    child = trie.nextSibling[Int(child)]
                }
                sparseStart.append(Int32(sparseClass.count))
                deepFail.append(T(truncatingIfNeeded: fail[n]))
            }
            self.classes = k
            self.denseCount = denseCount
            self.dense = dense
            self.sparseStart = sparseStart
            self.sparseClass = sparseClass
            self.sparseNext = sparseNext
            self.deepFail = deepFail
        }

        var states: Int { denseCount + deepFail.count }

        func write(to out: inout ByteWriter) {
            out.int(denseCount); out.array(dense); out.array(sparseStart); out.array(sparseClass); out.array(sparseNext); out.array(deepFail)
        }

        /// Reads `write(to:)`'s form; nil unless every state and class it names is in range.
        init?(_ r: inout ByteReader, classes k: Int) {
            guard let denseCount = r.int(), let dense: [T] = r.array(), let sparseStart: [Int32] = r.array(),
                  let sparseClass: [UInt8] = r.array(), let sparseNext: [T] = r.array(), let deepFail: [T] = r.array() else { return nil }
            let states = denseCount + deepFail.count, mask = T.max >> 1
            guard k > 0, dense.count == denseCount * k, sparseStart.count == deepFail.count + 1, sparseStart.first == 0,
                  sparseStart.last.map(Int.init) == sparseClass.count, sparseNext.count == sparseClass.count,
                  zip(sparseStart, sparseStart.dropFirst()).allSatisfy({ $0 <= $1 }),
                  sparseClass.allSatisfy({ Int($0) < k }),
                  (dense + sparseNext).allSatisfy({ $0 >= 0 && Int($0 & mask) < states }),
                  // A failure link leads to a shallower state, so falling back always ends.
                  deepFail.enumerated().allSatisfy({ $0.element >= 0 && Int($0.element) < denseCount + $0.offset })
            else { return nil }
            self.classes = k; self.denseCount = denseCount; self.dense = dense
            self.sparseStart = sparseStart; self.sparseClass = sparseClass; self.sparseNext = sparseNext; self.deepFail = deepFail
        }

        func run(_ text: UnsafeBufferPointer<UInt8>, _ classOf: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int32>,
                 _ ids: UnsafeBufferPointer<Int32>, _ scannedLength: UnsafeBufferPointer<Int32>, _ startsWord: UnsafeBufferPointer<UInt8>,
                 _ body: (Int32, Int) -> Void) {
            let k = classes, denseCount = self.denseCount, mask = T.max >> 1
            dense.withUnsafeBufferPointer { dense in
                sparseStart.withUnsafeBufferPointer { sparseStart in
                    sparseClass.withUnsafeBufferPointer { sparseClass in
                        sparseNext.withUnsafeBufferPointer { sparseNext in
                            deepFail.withUnsafeBufferPointer { deepFail in
                                var s = 0
                                var i = 0
                                for b in text {
                                    i &+= 1
                                    let c = classOf[Int(b)]
                                    var entry: T
                                    if s < denseCount {
                                        entry = dense[s &* k &+ Int(c)]
                                    } else {
                                        // A deep state: its own child on this class, or else its failure state's
                                        // transition, until a dense state answers.
                                        var t = s
                                        entry = 0
                                        while true {
                                            if t < denseCount { entry = dense[t &* k &+ Int(c)]; break }
                                            let d = t &- denseCount
                                            var found = false
                                            for j in Int(sparseStart[d])..<Int(sparseStart[d &+ 1]) where sparseClass[j] == c {
                                                entry = sparseNext[j]; found = true; break
                                            }
                                            if found { break }
                                            t = Int(deepFail[d])
                                        }
                                    }
                                    s = Int(entry & mask)
                                    if entry > mask {
                                        for j in Int(starts[s])..<Int(starts[s &+ 1]) {
                                            let id = ids[j]
                                            if startsWord[Int(id)] != 0 {
                                                // Only where a word starts: not after an ASCII word character.
                                                let begin = i &- Int(scannedLength[Int(id)])
                                                if begin > 0 && LiteralExtractor.isASCIIWord(text[begin &- 1]) { continue }
                                            }
                                            body(id, i)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
