extension Communicator {
    /// Every rank's `texts` joined in rank order, on rank 0 (nil elsewhere):
    /// element i of the result is rank 0's text i, then rank 1's, and so on.
    ///
    /// Every rank passes the same number of texts. They travel as doubles (per
    /// text, its UTF-8 byte count, then its bytes) along the binary tree of
    /// ``reduceInOrder(_:_:)``, so the result does not depend on the number of
    /// ranks. With one process, the texts themselves.
    public func gatherText(_ texts: [String]) -> [String]? {
        let count = texts.count
        guard let whole = reduceInOrder(Self.encode(texts), { left, right in
            Self.encode(zip(Self.decode(left, count: count), Self.decode(right, count: count)).map { $0 + $1 })
        }) else { return nil }
        return Self.decode(whole, count: count)
    }

    /// Texts as doubles for the wire: per text, its byte count, then its bytes.
    static func encode(_ texts: [String]) -> [Double] {
        var out: [Double] = []
        for text in texts {
            let bytes = Array(text.utf8)
            out.append(Double(bytes.count))
            out += bytes.map(Double.init)
        }
        return out
    }

    /// The texts of ``encode(_:)``, padded with empty texts to `count`.
    static func decode(_ values: [Double], count: Int) -> [String] {
        var texts: [String] = []
        var i = 0
        while i < values.count {
            let n = Int(values[i])
            let end = min(values.count, i + 1 + n)
            texts.append(String(decoding: values[(i + 1)..<end].map { UInt8(clamping: Int($0)) }, as: UTF8.self))
            i = end
        }
        while texts.count < count { texts.append("") }
        return texts
    }
}
