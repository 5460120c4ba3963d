import Foundation

/// Runs a per-file job over inputs in parallel and hands results to `sink` in input order,
/// one at a time, as soon as each is ready; a file's text is dropped once reported, so
/// memory stays flat however many files there are.
struct Runner: Sendable {
    var jobs: Int

    init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.jobs = max(1, jobs)
    }

    /// `work` runs on worker threads with that thread's scratch (made once by `makeScratch`).
    func run<Item: Sendable, Output>(_ items: [Item], makeScratch: @escaping @Sendable () -> MatchScratch,
                                     work: @escaping @Sendable (Item, MatchScratch) -> Output, sink: (Output) -> Void) {
        if jobs == 1 || items.count < 2 {
            let scratch = makeScratch()
            for item in items { sink(work(item, scratch)) }
            return
        }
        let state = OrderedResults<Output>(count: items.count)
        withoutActuallyEscaping(sink) { sink in
            let box = SinkBox(sink)
            DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
                let scratch = makeScratch()
                while let i = state.claim() {
                    state.deliver(i, work(items[i], scratch), to: box)
                }
            }
        }
    }
}

private final class SinkBox<Output>: @unchecked Sendable {
    let sink: (Output) -> Void
    init(_ sink: @escaping (Output) -> Void) { self.sink = sink }
}

/// Hands out work and re-orders finished results. Results go to the sink in input order,
/// one at a time, from whichever worker holds the next one; the lock is not held while the
/// sink runs, so other workers keep delivering.
private final class OrderedResults<Output>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var nextToEmit = 0
    private var pending: [Int: Output] = [:]
    /// Whether some thread is currently calling the sink.
    private var emitting = false
    private let count: Int

    init(count: Int) { self.count = count }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ i: Int, _ result: Output, to box: SinkBox<Output>) {
        lock.lock()
        pending[i] = result
        if emitting { lock.unlock(); return }
        emitting = true
        while let r = pending.removeValue(forKey: nextToEmit) {
            nextToEmit += 1
            lock.unlock()
            box.sink(r)
            lock.lock()
        }
        emitting = false
        lock.unlock()
    }
}
